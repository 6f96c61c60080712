import type { Access, Where } from 'payload'

import { rightsOf } from '../../../src/lib/rights'

/** Who reads user accounts: HQ and admin everyone; a manager the users of their stores and themselves; staff themselves. */
export const selfOrStoreUsers: Access = ({ req: { user } }) => {
  const rights = rightsOf(user)
  if (!rights) return false
  if (rights.role === 'admin' || rights.role === 'hq') return true
  const self: Where = { id: { equals: rights.userId } }
  if (rights.role === 'manager' && rights.storeIds.length > 0)
    return { or: [self, { stores: { in: rights.storeIds } }] }
  return self
}
