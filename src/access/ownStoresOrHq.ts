import type { Access } from 'payload'

import { isStoreBound, type Role, rightsOf } from '../lib/rights'

/**
 * HQ and admin: every document. The store-bound `roles` (staff and managers unless narrowed): only documents
 * whose `field` names one of their stores, as a query, so lists show just those and other IDs answer 403.
 * Everyone else: nothing.
 */
export const ownStoresOrHq =
  (field: string, { roles = ['staff', 'manager'] }: { roles?: Role[] } = {}): Access =>
  ({ req: { user } }) => {
    const rights = rightsOf(user)
    if (!rights) return false
    if (!isStoreBound(rights)) return true
    if (!roles.includes(rights.role) || rights.storeIds.length === 0) return false
    return { [field]: { in: rights.storeIds } }
  }
