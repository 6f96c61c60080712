import type { RelationshipField } from 'payload'

import { label } from '../lib/i18n'

/** Who wrote the document; the signed-in user unless changed. */
export const authorField = (): RelationshipField => ({
  name: 'author',
  type: 'relationship',
  relationTo: 'users',
  label: label('投稿者', 'Author'),
  defaultValue: ({ user }) => user?.id,
  admin: { position: 'sidebar' },
})
