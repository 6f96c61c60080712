import { hasRole } from './hasRole'

/** Chain-wide data (campaigns, the device catalogue, the media library): HQ and admin. */
export const isHqOrAdmin = hasRole('hq', 'admin')
