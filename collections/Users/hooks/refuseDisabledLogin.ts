import { AuthenticationError, type CollectionBeforeLoginHook } from 'payload'

import type { User } from '../../../src/payload-types'

import { FRONTEND_ROLE } from '../../../src/lib/rights'

/**
 * A disabled account cannot sign in (admin, REST, GraphQL, password reset), nor can a frontend's, which reads with
 * its API key only. It is told exactly what a wrong password is told, so a stranger cannot learn which accounts
 * exist or were disabled.
 */
export const refuseDisabledLogin: CollectionBeforeLoginHook<User> = ({ user, req }) => {
  if (user.disabled || user.role === FRONTEND_ROLE) throw new AuthenticationError(req.t)
  return user
}
