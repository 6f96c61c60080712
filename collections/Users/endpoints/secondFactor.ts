import type { Endpoint, PayloadRequest } from 'payload'

import type { User } from '../../../src/payload-types'

import { sessionMayAct } from '../../../src/access/sessionGate'
import { sendAccountNotice } from '../../../src/lib/auth/accountNotices'
import { recordAudit } from '../../../src/lib/audit'
import { type Bilingual, label } from '../../../src/lib/i18n'
import {
  confirmEnrolment,
  removeSecondFactor,
  replaceRecoveryCodes,
  SecondFactorError,
  secondFactorStatus,
  startEnrolment,
  verifySecondFactor,
} from '../../../src/lib/auth/secondFactor'
import {
  chargeSecretCheck,
  secretCheckSucceeded,
  TOO_MANY_ATTEMPTS,
  TooManyAttempts,
} from '../../../src/lib/auth/secretChecks'
import { sessionIdOf } from '../../../src/lib/auth/sessionLifetime'
import { normaliseAccount } from '../../../src/lib/auth/signInBudget'
import { errorAnswer } from '../../../src/endpoints/http'

/*
 * /api/users/second-factor/…: enrol (QR code), confirm (first code, recovery codes), verify (each sign-in), new
 * recovery codes, and an admin's removal for a user who lost phone and codes. These act for a session that owes the
 * second factor, which every access rule refuses (src/access/sessionGate.ts).
 */

const MESSAGES = {
  signIn: label('ログインしてください。', 'Sign in first.'),
  invalidCode: label('コードが正しくないか、すでに使われています。', 'The code is wrong or has been used already.'),
  codeMissing: label(
    '認証アプリの6桁のコード（code）またはリカバリーコード（recoveryCode）を入力してください。',
    'Enter the 6-digit code from the authenticator app (code) or a recovery code (recoveryCode).',
  ),
  alreadyEnrolled: label('二段階認証はすでに設定されています。', 'Two-step verification is already set up.'),
  notEnrolled: label('二段階認証が設定されていません。', 'Two-step verification is not set up.'),
  noEnrolment: label('先に設定を開始してください（enrol）。', 'Start the set-up first (enrol).'),
  verifyFirst: label('先に二段階認証を完了してください。', 'Complete two-step verification first.'),
  adminOnly: label('管理者だけが二段階認証を解除できます。', 'Only an admin can remove two-step verification.'),
}

const bodyOf = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  try {
    const body = await req.json?.()
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const ERROR_ANSWERS: Record<SecondFactorError['reason'], [number, Bilingual]> = {
  'already-enrolled': [409, MESSAGES.alreadyEnrolled],
  'not-enrolled': [409, MESSAGES.notEnrolled],
  'no-enrolment': [409, MESSAGES.noEnrolment],
  'no-session': [401, MESSAGES.signIn],
  'invalid-code': [401, MESSAGES.invalidCode],
}

const refusal = (req: PayloadRequest, error: unknown): Response => {
  if (!(error instanceof SecondFactorError)) throw error
  const [status, message] = ERROR_ANSWERS[error.reason]
  return errorAnswer(req, status, message, { field: error.reason === 'invalid-code' ? 'code' : undefined })
}

const signedIn = (req: PayloadRequest): User | null => (req.user?.collection === 'users' ? req.user : null)

/**
 * Checks a code under the sign-in budget of the account and the client address (a six-digit code is guessed in a
 * million tries): charged before it is checked, given back when right, audited when wrong.
 */
const throttledCheck = async <T>(req: PayloadRequest, user: User, check: () => Promise<T>): Promise<Response | T> => {
  const account = normaliseAccount(user.email)
  const subject = `users/${user.id}`
  try {
    await chargeSecretCheck(req, 'second-factor', { account, subject, actor: String(user.id) })
  } catch (error) {
    if (!(error instanceof TooManyAttempts)) throw error
    return errorAnswer(req, 429, TOO_MANY_ATTEMPTS, { headers: { 'Retry-After': String(error.retryAfterSeconds) } })
  }
  try {
    const result = await check()
    await secretCheckSucceeded(req, 'second-factor', account)
    return result
  } catch (error) {
    if (error instanceof SecondFactorError && error.reason === 'invalid-code') {
      await recordAudit(
        req,
        { event: 'sign_in_failure', actor: String(user.id), subject, details: { step: 'second-factor' } },
        { outsideTransaction: true },
      )
    }
    return refusal(req, error)
  }
}

const status: Endpoint = {
  path: '/second-factor',
  method: 'get',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    return Response.json({ status: secondFactorStatus(user), enabled: Boolean(user.secondFactorEnabled) })
  },
}

const enrol: Endpoint = {
  path: '/second-factor/enrol',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    try {
      return Response.json(await startEnrolment(req.payload, user.id, req), {
        headers: { 'Cache-Control': 'no-store' },
      })
    } catch (error) {
      return refusal(req, error)
    }
  },
}

const confirm: Endpoint = {
  path: '/second-factor/confirm',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    const { code } = await bodyOf(req)
    if (typeof code !== 'string' || code.trim() === '')
      return errorAnswer(req, 400, MESSAGES.codeMissing, { field: 'code' })
    const result = await throttledCheck(req, user, () =>
      confirmEnrolment(req.payload, user.id, sessionIdOf(user), code, req),
    )
    if (result instanceof Response) return result
    await recordAudit(req, {
      event: 'second_factor_change',
      actor: String(user.id),
      subject: `users/${user.id}`,
      details: { change: 'enabled' },
    })
    await sendAccountNotice(req.payload, 'second-factor-enabled', { to: [user.email] })
    return Response.json({ recoveryCodes: result }, { headers: { 'Cache-Control': 'no-store' } })
  },
}

const verify: Endpoint = {
  path: '/second-factor/verify',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    const { code, recoveryCode } = await bodyOf(req)
    const given = (value: unknown) => typeof value === 'string' && value.trim() !== ''
    if (!given(code) && !given(recoveryCode)) return errorAnswer(req, 400, MESSAGES.codeMissing, { field: 'code' })
    const result = await throttledCheck(req, user, () =>
      verifySecondFactor(req.payload, user.id, sessionIdOf(user), { code, recoveryCode }, req),
    )
    if (result instanceof Response) return result
    await recordAudit(req, {
      event: 'sign_in_success',
      actor: String(user.id),
      subject: `users/${user.id}`,
      details: {
        step: 'second-factor',
        ...(result.usedRecoveryCode ? { recoveryCode: true, recoveryCodesLeft: result.recoveryCodesLeft } : {}),
      },
    })
    if (result.usedRecoveryCode) await sendAccountNotice(req.payload, 'recovery-code-used', { to: [user.email] })
    return Response.json({ status: 'verified', recoveryCodesLeft: result.recoveryCodesLeft })
  },
}

const newRecoveryCodes: Endpoint = {
  path: '/second-factor/recovery-codes',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    if (secondFactorStatus(user) !== 'verified' || !sessionMayAct(user))
      return errorAnswer(req, 403, MESSAGES.verifyFirst)
    const { code } = await bodyOf(req)
    if (typeof code !== 'string' || code.trim() === '')
      return errorAnswer(req, 400, MESSAGES.codeMissing, { field: 'code' })
    const recoveryCodes = await throttledCheck(req, user, () => replaceRecoveryCodes(req.payload, user.id, code, req))
    if (recoveryCodes instanceof Response) return recoveryCodes
    await recordAudit(req, {
      event: 'second_factor_change',
      actor: String(user.id),
      subject: `users/${user.id}`,
      details: { change: 'recovery-codes-replaced' },
    })
    await sendAccountNotice(req.payload, 'recovery-codes-replaced', { to: [user.email] })
    return Response.json({ recoveryCodes }, { headers: { 'Cache-Control': 'no-store' } })
  },
}

const removeForUser: Endpoint = {
  path: '/:id/second-factor/remove',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    if (!user) return errorAnswer(req, 401, MESSAGES.signIn)
    if (user.role !== 'admin' || !sessionMayAct(user)) return errorAnswer(req, 403, MESSAGES.adminOnly)
    const id = String(req.routeParams?.id ?? '')
    const target = await req.payload.findByID({
      collection: 'users',
      id,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!target) return errorAnswer(req, 404, label('ユーザーが見つかりません。', 'No such user.'))
    await removeSecondFactor(req.payload, id, req)
    await recordAudit(req, {
      event: 'second_factor_change',
      actor: String(user.id),
      subject: `users/${id}`,
      details: { change: 'removed' },
    })
    await sendAccountNotice(req.payload, 'second-factor-removed', { to: [target.email] })
    return Response.json({ status: 'removed' })
  },
}

export const secondFactorEndpoints: Endpoint[] = [status, enrol, confirm, verify, newRecoveryCodes, removeForUser]
