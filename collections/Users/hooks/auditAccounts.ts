import {
  AuthenticationError,
  type AfterErrorHook,
  type CollectionAfterChangeHook,
  type CollectionAfterLoginHook,
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
  LockedAuth,
} from 'payload'

import type { User } from '../../../src/payload-types'

import { isHousekeeping } from '../../../src/lib/auth/accountHousekeeping'
import { actorOf, recordAudit, requestNote } from '../../../src/lib/audit'
import { relationIds } from '../../../src/lib/relations'
import { passwordChanged } from './credentialChangeNote'

/*
 * Sign-ins and account changes on users, for the audit log. Nothing here stores a password, hash or token.
 */

/** Emails of this request's sign-ins that have not succeeded (yet), oldest first. */
const pendingSignIns = (req: Parameters<AfterErrorHook>[0]['req']) =>
  requestNote(req, 'auditPendingSignIns', () => [] as string[])

/**
 * A failed sign-in runs no hook after Payload refuses it, so the attempt is noted here and matched with the
 * error (recordFailedSignIn) or the success (recordSignIn). Attempts without email and password are refused
 * with a validation error before any account is looked at: they are no sign-in attempts.
 */
export const noteSignInAttempt: CollectionBeforeOperationHook<'users'> = ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const { email, password } = args.data ?? {}
  if (typeof email === 'string' && email.trim() !== '' && typeof password === 'string' && password.trim() !== '') {
    pendingSignIns(req).push(email.trim().toLowerCase())
  }
  return args
}

export const recordSignIn: CollectionAfterLoginHook<User> = async ({ req, user }) => {
  // Sign-ins of one request run one after another (GraphQL runs mutations in order): this one is the newest.
  pendingSignIns(req).pop()
  await recordAudit(req, { event: 'sign_in_success', actor: String(user.id), subject: `users/${user.id}` })
}

/**
 * Config-level afterError: the one hook that sees failed sign-ins on REST and GraphQL alike. Payload throws
 * AuthenticationError (unknown email, wrong password, disabled account) and LockedAuth only from a sign-in.
 * The entry is written outside the request's transaction, which the failure rolls back.
 */
export const recordFailedSignIn: AfterErrorHook = async ({ error, req }) => {
  // GraphQL wraps what the resolver threw.
  const thrown = (error as { originalError?: unknown }).originalError ?? error
  const event =
    thrown instanceof LockedAuth ? 'lock_out' : thrown instanceof AuthenticationError ? 'sign_in_failure' : null
  const email = event ? pendingSignIns(req).shift() : undefined
  if (event && email !== undefined) await recordAudit(req, { event, subject: email }, { outsideTransaction: true })
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id))

/** Password, email, role and stores changes of an account, by whoever made them (the account itself, a manager, an admin). */
export const recordAccountChanges: CollectionAfterChangeHook<User> = async ({
  context,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation !== 'update' || isHousekeeping(context)) return doc
  const entry = { actor: actorOf(req), subject: `users/${doc.id}` }
  if (passwordChanged(req, doc.id)) await recordAudit(req, { ...entry, event: 'password_change' })
  if (previousDoc.email !== doc.email) {
    await recordAudit(req, { ...entry, event: 'email_change', details: { from: previousDoc.email, to: doc.email } })
  }
  if (previousDoc.role !== doc.role) {
    await recordAudit(req, { ...entry, event: 'role_change', details: { from: previousDoc.role, to: doc.role } })
  }
  const [storesBefore, storesAfter] = [relationIds(previousDoc.stores), relationIds(doc.stores)]
  if (!sameIds(storesBefore, storesAfter)) {
    await recordAudit(req, { ...entry, event: 'stores_change', details: { from: storesBefore, to: storesAfter } })
  }
  return doc
}

/** A password reset by emailed token writes the new hash directly, with no change hooks: recorded after the operation. */
export const recordPasswordReset: CollectionAfterOperationHook<'users'> = async ({ operation, req, result }) => {
  if (operation === 'resetPassword' && result.user) {
    const id = String(result.user.id)
    await recordAudit(req, {
      event: 'password_change',
      actor: id,
      subject: `users/${id}`,
      details: { by: 'reset-token' },
    })
  }
  return result
}
