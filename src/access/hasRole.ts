import type { PayloadRequest } from 'payload'

import { type Role, rightsOf } from '../lib/rights'

/** Allowed to the listed roles, for the whole collection or field; usable as collection and as field access. */
export const hasRole =
  (...roles: Role[]) =>
  ({ req }: { req: PayloadRequest }): boolean => {
    const rights = rightsOf(req.user)
    return rights !== null && roles.includes(rights.role)
  }
