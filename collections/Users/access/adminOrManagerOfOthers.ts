import type { FieldAccess } from 'payload'

import type { User } from '../../../src/payload-types'

import { rightsOf } from '../../../src/lib/rights'
import { isOwnAccount } from './isOwnAccount'

/**
 * Field access on a user account: admin, or a manager on someone else's account (the staff they manage),
 * never on their own. Makes the field read-only in the admin for everybody else.
 */
export const adminOrManagerOfOthers: FieldAccess<User> = ({ req: { user }, id, doc }) => {
  const rights = rightsOf(user)
  if (!rights) return false
  // The admin's permission check passes the document but no id; a save passes both.
  const accountId = id ?? doc?.id
  return (
    rights.role === 'admin' || (rights.role === 'manager' && accountId !== undefined && !isOwnAccount(user, accountId))
  )
}
