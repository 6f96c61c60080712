import type { FieldAccess } from 'payload'

import type { User } from '../../../src/payload-types'

import { rightsOf } from '../../../src/lib/rights'
import { isOwnAccount } from './isOwnAccount'

/**
 * Field access on a user account's credentials (e-mail address, password): the account itself or an admin. A manager
 * who creates and disables their staff never sets an existing account's credentials: a reset mail does that, to the
 * registered address. Read-only in the admin for everybody else; a value sent anyway is dropped.
 */
export const ownAccountOrAdmin: FieldAccess<User> = ({ req: { user }, id, doc }) => {
  const rights = rightsOf(user)
  if (!rights) return false
  // The admin's permission check passes the document but no id; a save passes both.
  return rights.role === 'admin' || isOwnAccount(user, id ?? doc?.id)
}
