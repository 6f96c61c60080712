import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { createHash } from 'node:crypto'

import type { User } from '../../../src/payload-types'

/** What the database keeps of a reset token: its SHA-256, so a copy of the database resets no account. */
export const resetTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * Payload's forgot-password operation saves the new token (and mails it, from memory) through an update: the
 * token is replaced by its hash on the way to the database. Any other change of the field is hashed the same way.
 */
export const storeResetTokenHashed: CollectionBeforeChangeHook<User> = ({ data, originalDoc }) => {
  const token: unknown = data.resetPasswordToken
  if (typeof token !== 'string' || token === '' || token === originalDoc?.resetPasswordToken) return data
  return { ...data, resetPasswordToken: resetTokenHash(token) }
}

/**
 * A reset looks its account up by the token's hash, which is all the database holds. Payload's reset operation took
 * its `data` out of the arguments before this hook runs, so the token is replaced in that very object.
 */
export const findResetTokenByHash: CollectionBeforeOperationHook<'users'> = ({ args, operation }) => {
  if (operation === 'resetPassword' && typeof args.data?.token === 'string' && args.data.token !== '')
    args.data.token = resetTokenHash(args.data.token)
  return args
}
