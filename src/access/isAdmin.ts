import { hasRole } from './hasRole'

/** Users, roles and stores themselves: admin only. */
export const isAdmin = hasRole('admin')
