import type { CollectionAfterLoginHook, CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import type { User } from '../../../src/payload-types'

import { chargeSecretCheck, secretCheckSucceeded } from '../../../src/lib/auth/secretChecks'
import { normaliseAccount, type SecretCheck } from '../../../src/lib/auth/signInBudget'

/*
 * The sign-in throttle, counted where Payload runs the operation: REST, GraphQL (each alias), the admin and the
 * Local API all call the same login, forgot-password and reset-password operations, whatever the request's bytes
 * looked like. A refusal is shaped by answerSignInRefusals (the config's afterError hook).
 */

const CHECKS: Partial<Record<string, SecretCheck>> = {
  login: 'login',
  forgotPassword: 'forgot-password',
  resetPassword: 'reset-password',
}

/** beforeOperation, first of all: the attempt is charged before Payload looks up an account or hashes anything. */
export const chargeAuthOperation: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  const check = CHECKS[operation]
  if (!check) return args
  const account =
    operation === 'login' || operation === 'forgotPassword' ? normaliseAccount(args.data?.email) : undefined
  await chargeSecretCheck(req, check, { account })
  return args
}

/** afterLogin: the password was right; the account's count starts again and the address gets its attempt back. */
export const giveBackSignIn: CollectionAfterLoginHook<User> = async ({ req, user }) => {
  await secretCheckSucceeded(req, 'login', normaliseAccount(user.email))
}

/** afterOperation: a reset with a valid token gives its attempt back to the address. */
export const giveBackReset: CollectionAfterOperationHook<'users'> = async ({ operation, req, result }) => {
  if (operation === 'resetPassword' && result.user) await secretCheckSucceeded(req, 'reset-password')
  return result
}
