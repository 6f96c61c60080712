import type { CollectionAfterChangeHook, CollectionAfterOperationHook, CollectionRefreshHook } from 'payload'

import { APIError } from 'payload'

import type { User } from '../../../src/payload-types'

import { inRequestLanguage } from '../../../src/lib/i18n'
import { isHousekeeping } from '../../../src/lib/auth/accountHousekeeping'
import { sendAccountNotice } from '../../../src/lib/auth/accountNotices'
import { endOtherSessions, sessionIdOf, sessionTooOld } from '../../../src/lib/auth/sessionLifetime'
import { isOwnAccount } from '../access/isOwnAccount'
import { passwordChanged } from './credentialChangeNote'

/**
 * After a password or e-mail change: a notice to the registered address (the old and the new one on an address
 * change), and every other session of the account ends, so whoever held a stolen session or the old password is out.
 * The person making the change keeps their own session; an admin changing someone else's account ends all of them.
 */
export const afterCredentialChange: CollectionAfterChangeHook<User> = async ({
  context,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation !== 'update' || isHousekeeping(context)) return doc
  const newPassword = passwordChanged(req, doc.id)
  const emailChanged = previousDoc.email !== doc.email
  if (!newPassword && !emailChanged) return doc
  const ownSession = isOwnAccount(req.user, doc.id) ? sessionIdOf(req.user) : undefined
  await endOtherSessions(req.payload, doc.id, ownSession, req)
  if (newPassword) await sendAccountNotice(req.payload, 'password-changed', { to: [doc.email] })
  if (emailChanged) await sendAccountNotice(req.payload, 'email-changed', { to: [previousDoc.email, doc.email] })
  return doc
}

/** A disabled account keeps no session: each one ends as the account is disabled. */
export const endSessionsOfDisabledAccount: CollectionAfterChangeHook<User> = async ({
  context,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation === 'update' && !isHousekeeping(context) && doc.disabled && !previousDoc.disabled)
    await endOtherSessions(req.payload, doc.id, undefined, req)
  return doc
}

/** A reset by mailed token: Payload has already ended every earlier session; the holder is told at the registered address. */
export const noticeAfterReset: CollectionAfterOperationHook<'users'> = async ({ operation, req, result }) => {
  if (operation === 'resetPassword' && result.user?.email)
    await sendAccountNotice(req.payload, 'password-changed', { to: [String(result.user.email)] })
  return result
}

const SESSION_TOO_OLD = {
  ja: 'セッションの有効期限が切れました。再度ログインしてください。',
  en: 'This session has reached its maximum age. Sign in again.',
}

/** No renewal past the absolute session lifetime: the user signs in again (with the second factor where required). */
export const refuseRefreshOfOldSession: CollectionRefreshHook<User> = ({ args }) => {
  const user = args.req.user
  if (user && sessionTooOld(user)) throw new APIError(inRequestLanguage(SESSION_TOO_OLD, args.req), 401)
  return undefined
}
