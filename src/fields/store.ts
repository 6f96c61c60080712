import type { FilterOptions, RelationshipField } from 'payload'

import { refuseForeignStore } from '../hooks/refuseForeignStore'
import { label } from '../lib/i18n'
import { relationId } from '../lib/relations'
import { isStoreBound, rightsOf } from '../lib/rights'
import { withOverrides } from './withOverrides'

/** The store picker of staff and managers lists their own stores only; HQ and admin pick any. */
export const ownStoreOptions: FilterOptions = ({ req }) => {
  const rights = rightsOf(req.user)
  if (!rights || !isStoreBound(rights)) return true
  return rights.storeIds.length > 0 && { id: { in: rights.storeIds } }
}

/**
 * The store a document belongs to; defaults to the first store of the signed-in author. Staff and managers
 * may name only their own stores (403 otherwise, on create and on a move).
 */
export const storeField = (overrides: Partial<RelationshipField> = {}): RelationshipField =>
  withOverrides<RelationshipField>(
    {
      name: 'store',
      type: 'relationship',
      relationTo: 'stores',
      label: label('店舗', 'Store'),
      required: true,
      index: true,
      defaultValue: ({ user }) => relationId(user?.stores?.[0]) ?? undefined,
      filterOptions: ownStoreOptions,
      hooks: { beforeValidate: [refuseForeignStore] },
      admin: { position: 'sidebar' },
    },
    overrides,
  )
