import type { Access } from 'payload'

import { isStoreBound, rightsOf } from '../lib/rights'

const published = { _status: { equals: 'published' } } as const

/**
 * The public reads published documents only. Staff and managers also read drafts and scheduled posts of
 * their own stores (`field` names the store); HQ and admin read everything.
 */
export const publishedOrOwnStores =
  (field: string): Access =>
  ({ req: { user } }) => {
    const rights = rightsOf(user)
    if (!rights) return published
    if (!isStoreBound(rights)) return true
    if (rights.storeIds.length === 0) return published
    return { or: [published, { [field]: { in: rights.storeIds } }] }
  }
