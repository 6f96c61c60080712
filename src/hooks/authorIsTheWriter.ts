import type { FieldHook } from 'payload'

import { forbidden } from '../lib/forbidden'
import { relationId } from '../lib/relations'
import { isStoreBound, rightsOf } from '../lib/rights'

/**
 * On a post's `author`: staff and managers write as themselves. A new post is theirs (the field defaults to them);
 * an edit keeps the author it had (the admin form sends it back unchanged), a colleague's post stays the colleague's.
 * Naming anyone else, or nobody, is refused with 403 rather than silently dropped, like a foreign store: the writer
 * learns that the post would not have been as they sent it. HQ and admin name any author; server code
 * (overrideAccess) too.
 */
export const authorIsTheWriter: FieldHook = ({ value, previousValue, operation, req, overrideAccess }) => {
  const rights = rightsOf(req.user)
  if (overrideAccess || !rights || !isStoreBound(rights)) return value
  const author = relationId(value)
  // Left as it was: an edit that sends it back, or a copy that inherits it (the field's access then makes a copy the
  // writer's, as it does a new post).
  const kept = author === relationId(previousValue)
  if (kept || (operation === 'create' && author === rights.userId)) return value
  throw forbidden(req, {
    ja: '投稿者を自分以外にできるのは本部と管理者だけです。',
    en: 'Only HQ and admin can name someone else as the author.',
  })
}
