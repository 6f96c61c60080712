import type { RelationshipField } from 'payload'

import { label } from '../lib/i18n'

/** The store a document belongs to; defaults to the first store of the signed-in author. */
export const storeField = (overrides: Partial<RelationshipField> = {}): RelationshipField =>
  ({
    name: 'store',
    type: 'relationship',
    relationTo: 'stores',
    label: label('店舗', 'Store'),
    required: true,
    index: true,
    defaultValue: ({ user }: { user?: { stores?: Array<string | { id: string }> } }) => {
      const first = user?.stores?.[0]
      return typeof first === 'object' ? first?.id : first
    },
    admin: { position: 'sidebar' },
    ...overrides,
  }) as RelationshipField
