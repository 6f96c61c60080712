import { type CollectionBeforeOperationHook, type PayloadRequest, ValidationError } from 'payload'

import { forbidden } from '../lib/forbidden'
import { inRequestLanguage } from '../lib/i18n'
import { passwordMatches } from '../lib/passwordHash'
import { passwordProblem } from '../lib/passwordPolicy'

type UserArgs = { data?: Record<string, unknown>; id?: number | string; overrideAccess?: boolean }
type StoredUser = { id: number | string; email?: string; name?: string; hash?: string; salt?: string }

const storeNames = async (req: PayloadRequest): Promise<string[]> => {
  const { docs } = await req.payload.find({ collection: 'stores', pagination: false, depth: 0, overrideAccess: true, req, select: { name: true } })
  return docs.map((store) => String((store as { name?: unknown }).name ?? ''))
}

const refusePassword = async (req: PayloadRequest, password: unknown, account: { email?: unknown; name?: unknown }) => {
  if (typeof password !== 'string') return
  const problem = passwordProblem(password, { ...account, storeNames: await storeNames(req) })
  if (problem) throw new ValidationError({ collection: 'users', errors: [{ path: 'password', message: inRequestLanguage(problem, req) }] }, req.t)
}

const CURRENT_PASSWORD_REQUIRED = {
  ja: 'パスワードやメールアドレスを変更するには、現在のパスワード（currentPassword）が必要です。',
  en: 'Changing the password or e-mail address requires the current password (currentPassword).',
}

/**
 * On users: the password policy on create, update and reset; and a change of password or e-mail address needs the
 * account's current password, sent as `currentPassword` with the update, so a stolen session cannot take the account
 * over. Exceptions: server code (overrideAccess), an admin changing another account, and the reset flow (the token
 * proves possession of the mailbox). Runs before Payload drops `currentPassword` as an unknown field.
 */
export const guardCredentials: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const { data, id, overrideAccess } = args as UserArgs
  if (!data) return args
  const { currentPassword, ...rest } = data

  if (operation === 'create') await refusePassword(req, data.password, data)
  if (operation === 'resetPassword') {
    const user = await req.payload.db.findOne<StoredUser>({ collection: 'users', where: { resetPasswordToken: { equals: data.token } }, req })
    await refusePassword(req, data.password, user ?? {})
  }
  if (operation !== 'update') return args

  const changesPassword = typeof data.password === 'string' && data.password !== ''
  const changesEmail = typeof data.email === 'string'
  if (!changesPassword && !changesEmail) return { ...args, data: rest }
  if (id === undefined) {
    // Bulk updates cannot prove each account's current password; credentials are changed one account at a time.
    if (overrideAccess || req.user?.role === 'admin') return { ...args, data: rest }
    throw forbidden(req, CURRENT_PASSWORD_REQUIRED)
  }
  const stored = await req.payload.db.findOne<StoredUser>({ collection: 'users', where: { id: { equals: id } }, req })
  if (!stored) return args
  const emailChanged = changesEmail && String(data.email).trim().toLowerCase() !== stored.email
  if (changesPassword) await refusePassword(req, data.password, { email: data.email ?? stored.email, name: data.name ?? stored.name })
  if (!changesPassword && !emailChanged) return { ...args, data: rest }

  const adminOnAnotherAccount = req.user?.role === 'admin' && String(req.user.id) !== String(stored.id)
  if (!overrideAccess && !adminOnAnotherAccount) {
    if (typeof currentPassword !== 'string' || !(await passwordMatches(currentPassword, stored))) throw forbidden(req, CURRENT_PASSWORD_REQUIRED)
  }
  return { ...args, data: rest }
}
