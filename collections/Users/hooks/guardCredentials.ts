import {
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
  type FieldHook,
  type PayloadRequest,
  ValidationError,
} from 'payload'

import type { User } from '../../../src/payload-types'

import { actorOf, recordAudit } from '../../../src/lib/audit'
import { forbidden } from '../../../src/lib/forbidden'
import { inRequestLanguage } from '../../../src/lib/i18n'
import { passwordMatches } from '../../../src/lib/auth/passwordHash'
import { passwordProblem } from '../../../src/lib/auth/passwordPolicy'
import { chargeSecretCheck, secretCheckSucceeded } from '../../../src/lib/auth/secretChecks'
import { normaliseAccount } from '../../../src/lib/auth/signInBudget'
import { isOwnAccount } from '../access/isOwnAccount'

const storeNames = async (req: PayloadRequest): Promise<string[]> => {
  const { docs } = await req.payload.find({
    collection: 'stores',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  return docs.map((store) => store.name)
}

const refusePassword = async (
  req: PayloadRequest,
  password: unknown,
  account: Partial<Pick<User, 'email' | 'name'>>,
) => {
  if (typeof password !== 'string') return
  const problem = passwordProblem(password, { ...account, storeNames: await storeNames(req) })
  if (problem)
    throw new ValidationError(
      { collection: 'users', errors: [{ path: 'password', message: inRequestLanguage(problem, req) }] },
      req.t,
    )
}

const CURRENT_PASSWORD_REQUIRED = {
  ja: 'パスワードやメールアドレスを変更するには、現在のパスワード（currentPassword）が必要です。',
  en: 'Changing the password or e-mail address requires the current password (currentPassword).',
}

const changesPassword = (data: Partial<Pick<User, 'password'>>) =>
  typeof data.password === 'string' && data.password !== ''

/*
 * On users: the password policy on create, update and reset; and a change of password or e-mail address needs the
 * account's current password, sent as `currentPassword` with the update, so a stolen session cannot take the account
 * over. Exceptions: server code (overrideAccess), an admin changing another account, and the reset flow (the token
 * proves possession of the mailbox).
 *
 * Nothing here looks at a secret before Payload has decided access: the current password is checked in a hook
 * that runs only for a document the caller may update, and each check is charged to the sign-in budget first.
 */

/**
 * beforeOperation, for what has no later hook: the policy on a reset (the token is its access), and bulk updates,
 * which cannot prove each account's current password (credentials change one account at a time).
 */
export const guardCredentials: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (operation === 'resetPassword' && args.data) {
    const user = await req.payload.db.findOne<User>({
      collection: 'users',
      where: { resetPasswordToken: { equals: args.data.token } },
      req,
    })
    await refusePassword(req, args.data.password, user ?? {})
  }
  if (operation !== 'update' || !args.data) return args
  // An update of one document runs this hook as 'update' too, with its ID.
  const bulk = !('id' in args) || args.id === undefined
  const bulkCredentialChange = bulk && (changesPassword(args.data) || typeof args.data.email === 'string')
  if (bulkCredentialChange && !args.overrideAccess && req.user?.role !== 'admin')
    throw forbidden(req, CURRENT_PASSWORD_REQUIRED)
  return args
}

/** beforeValidate on users, after access: the policy on a new password, with the account's name and address. */
export const passwordPolicyOnChange: CollectionBeforeValidateHook<User> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data || !changesPassword(data)) return data
  const account =
    operation === 'update' ? { email: data.email ?? originalDoc?.email, name: data.name ?? originalDoc?.name } : data
  await refusePassword(req, data.password, account)
  return data
}

/**
 * beforeValidate of the `currentPassword` field, which runs only once Payload has found the document among those
 * the caller may update. Checks it when the password or e-mail address changes, under the sign-in budget of the
 * account (the same count as its sign-ins), and drops it: it is never stored.
 */
export const requireCurrentPassword: FieldHook<User, User['currentPassword'], Partial<User>> = async ({
  data,
  operation,
  originalDoc,
  overrideAccess,
  req,
  siblingData,
}) => {
  const currentPassword: unknown = siblingData?.currentPassword
  delete siblingData?.currentPassword
  if (operation !== 'update' || overrideAccess || !data || !originalDoc) return undefined
  const emailChanged =
    typeof data.email === 'string' && normaliseAccount(data.email) !== normaliseAccount(originalDoc.email)
  if (!changesPassword(data) && !emailChanged) return undefined
  if (req.user?.role === 'admin' && !isOwnAccount(req.user, originalDoc.id)) return undefined
  if (typeof currentPassword !== 'string' || currentPassword === '') throw forbidden(req, CURRENT_PASSWORD_REQUIRED)

  const account = normaliseAccount(originalDoc.email)
  const subject = `users/${originalDoc.id}`
  await chargeSecretCheck(req, 'current-password', { account, subject, actor: actorOf(req) })
  const stored = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { id: { equals: originalDoc.id } },
    req,
  })
  if (!stored || !(await passwordMatches(currentPassword, stored))) {
    await recordAudit(
      req,
      { event: 'sign_in_failure', actor: actorOf(req), subject, details: { step: 'current-password' } },
      { outsideTransaction: true },
    )
    throw forbidden(req, CURRENT_PASSWORD_REQUIRED)
  }
  await secretCheckSucceeded(req, 'current-password', account)
  return undefined
}
