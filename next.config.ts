import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The Express server in front sets the security headers and answers /api itself.
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests included) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
