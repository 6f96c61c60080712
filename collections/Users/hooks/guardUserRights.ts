import type { FieldHook } from 'payload'

import type { User } from '../../../src/payload-types'

import { forbidden } from '../../../src/lib/forbidden'
import { relationIds } from '../../../src/lib/relations'
import { rightsOf } from '../../../src/lib/rights'
import { isOwnAccount } from '../access/isOwnAccount'

/*
 * Field hooks on users.role and users.stores. They run before field access, which would otherwise drop a
 * forbidden value without a word: an attempt to gain rights is answered 403 on every API instead. Unchanged
 * values pass, because the admin form sends every field back on save. Admin may change anything.
 */

/** Only an admin changes roles; the accounts a manager creates are staff. */
export const guardRole: FieldHook<User, User['role'] | undefined> = ({
  value,
  previousValue,
  operation,
  req,
  overrideAccess,
}) => {
  const rights = rightsOf(req.user)
  if (overrideAccess || !rights || rights.role === 'admin') return value
  const allowed = operation === 'create' ? value === 'staff' : value === previousValue
  if (!allowed)
    throw forbidden(req, { ja: '権限を変更できるのは管理者だけです。', en: 'Only an admin can change roles.' })
  return value
}

/**
 * A manager adds or removes only their own stores, on staff they create or edit, never on their own account;
 * a new account of theirs belongs to at least one of their stores. Nobody else but an admin changes stores.
 */
export const guardStores: FieldHook<User, User['stores']> = ({
  value,
  previousValue,
  operation,
  originalDoc,
  req,
  overrideAccess,
}) => {
  const rights = rightsOf(req.user)
  if (overrideAccess || !rights || rights.role === 'admin') return value
  const before = operation === 'create' ? [] : relationIds(previousValue)
  const after = relationIds(value)
  const changed = [...after.filter((id) => !before.includes(id)), ...before.filter((id) => !after.includes(id))]
  const ownAccount = operation === 'update' && isOwnAccount(req.user, originalDoc?.id)
  const assignable = rights.role === 'manager' && !ownAccount ? rights.storeIds : []
  if (changed.some((id) => !assignable.includes(id)) || (operation === 'create' && after.length === 0)) {
    throw forbidden(req, {
      ja: '所属店舗を設定できるのは管理者と、自分の店舗のスタッフについての店長だけです。',
      en: 'Stores are assigned by an admin, or by a manager for staff of their own stores only.',
    })
  }
  return value
}
