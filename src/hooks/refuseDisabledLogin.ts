import { AuthenticationError, type CollectionBeforeLoginHook } from 'payload'

/**
 * A disabled account cannot sign in (admin, REST, GraphQL, password reset). It is told exactly what a wrong
 * password is told, so a stranger cannot learn which accounts exist or were disabled.
 */
export const refuseDisabledLogin: CollectionBeforeLoginHook = ({ user, req }) => {
  if (user.disabled) throw new AuthenticationError(req.t)
  return user
}
