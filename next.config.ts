import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The Express server in front sets the security headers and answers /api itself.
  poweredByHeader: false,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
