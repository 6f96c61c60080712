import type { RelationshipField } from 'payload'

import { judgesReaderOnly } from '../access/fieldReadNeedsDocument'
import { isHqOrAdmin } from '../access/isHqOrAdmin'
import { authorIsTheWriter } from '../hooks/authorIsTheWriter'
import { label } from '../lib/i18n'
import { rightsOf } from '../lib/rights'

/**
 * Who wrote the document: the signed-in user unless HQ or admin name someone else. Read-only in the admin for staff
 * and managers (a new post is theirs, an edit keeps its author); over the API their attempt to name another author
 * is answered 403 by authorIsTheWriter, which runs before this field access would drop the value without a word.
 */
export const authorField = (): RelationshipField => ({
  name: 'author',
  type: 'relationship',
  relationTo: 'users',
  label: label('投稿者', 'Author'),
  defaultValue: ({ user }) => user?.id,
  // The account behind a post is the chain's business: the public (and a frontend's key) reads authorProfile instead,
  // and cannot filter or sort by it; signed-in staff still can (the rule needs no document).
  access: {
    read: judgesReaderOnly(({ req }) => rightsOf(req.user) !== null),
    create: isHqOrAdmin,
    update: isHqOrAdmin,
  },
  hooks: { beforeValidate: [authorIsTheWriter] },
  admin: { position: 'sidebar' },
})
