import type { Access, Where } from 'payload'

import { rightsOf } from '../../../src/lib/rights'

/**
 * Who edits user accounts: admin everyone; a manager the staff of their stores and themselves; HQ and staff
 * themselves (name, email, password). What may change in role and stores is the guardUserRights hooks' call.
 */
export const selfOrOwnStaff: Access = ({ req: { user } }) => {
  const rights = rightsOf(user)
  if (!rights) return false
  if (rights.role === 'admin') return true
  const self: Where = { id: { equals: rights.userId } }
  if (rights.role === 'manager' && rights.storeIds.length > 0) {
    return { or: [self, { and: [{ role: { equals: 'staff' } }, { stores: { in: rights.storeIds } }] }] }
  }
  return self
}
