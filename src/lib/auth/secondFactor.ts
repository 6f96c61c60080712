import type { Payload, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

import { asHousekeeping } from './accountHousekeeping'
import { openSecret, sealSecret } from './secretBox'

/** Roles that may do nothing but enrol until a second factor is set up, and must pass it on every sign-in. */
export const SECOND_FACTOR_ROLES = ['admin', 'hq']

const ISSUER = '修理チェーンCMS'
const SEAL_PURPOSE = 'totp-secret'
/** RFC 6238 defaults (SHA-1, 6 digits, 30 s): what every common authenticator app reads from a QR code. */
const TOTP_SETTINGS = { issuer: ISSUER, algorithm: 'SHA1', digits: 6, period: 30 } as const
/** One step either side: a phone clock a little off still works, and a code lives at most 90 s. */
const TOTP_WINDOW = 1
const RECOVERY_CODE_COUNT = 10
/** 120 random bits each: above the 112 bits for which a plain SHA-256 is a sound way to store them (ASVS 6.5.2). */
const RECOVERY_CODE_BYTES = 15

/** The stored, hidden part of an account's second factor (users.secondFactor). */
export type StoredSecondFactor = {
  secret?: string | null
  pendingSecret?: string | null
  lastUsedCounter?: number | null
  recoveryCodes?: unknown
}

/** What the session gate reads from req.user, where Payload put the account as it authenticated the request. */
export type GateUser = {
  id: number | string
  role?: string | null
  secondFactorEnabled?: boolean | null
  secondFactorSessions?: unknown
  sessions?: { id: string }[] | null
  _sid?: string
}

/**
 * - not-required: a role without the obligation, not enrolled either
 * - enrol: the role needs a second factor and has none yet
 * - verify: enrolled, and this session has not passed it
 * - verified: this session has passed it
 */
export type SecondFactorStatus = 'enrol' | 'not-required' | 'verified' | 'verify'

const sessionIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []

export const secondFactorStatus = (user: GateUser): SecondFactorStatus => {
  if (user.secondFactorEnabled)
    return user._sid && sessionIds(user.secondFactorSessions).includes(user._sid) ? 'verified' : 'verify'
  return SECOND_FACTOR_ROLES.includes(user.role ?? '') ? 'enrol' : 'not-required'
}

/** True while a signed-in user still owes the second factor: such a session may only enrol or verify. */
export const owesSecondFactor = (user: GateUser | null | undefined): boolean => {
  if (!user) return false
  const status = secondFactorStatus(user)
  return status === 'enrol' || status === 'verify'
}

export class SecondFactorError extends Error {
  constructor(readonly reason: 'already-enrolled' | 'invalid-code' | 'no-enrolment' | 'no-session' | 'not-enrolled') {
    super(reason)
  }
}

const totpFor = (base32: string, account: string) =>
  new TOTP({ ...TOTP_SETTINGS, label: account, secret: Secret.fromBase32(base32) })

const hashRecoveryCode = (code: string): string =>
  createHash('sha256')
    .update(code.replace(/[^0-9a-z]/gi, '').toUpperCase())
    .digest('hex')

const newRecoveryCodes = (): string[] =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    new Secret({ size: RECOVERY_CODE_BYTES }).base32.match(/.{4}/g)!.join('-'),
  )

type Account = {
  id: number | string
  email: string
  updatedAt?: string | null
  sessions?: { id: string }[] | null
  secondFactorSessions?: unknown
  secondFactor?: StoredSecondFactor | null
}

const loadAccount = async (payload: Payload, id: number | string, req?: Partial<PayloadRequest>): Promise<Account> =>
  (await payload.findByID({
    collection: 'users',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })) as unknown as Account

/** Only one check of a code per account at a time in this process, so its requests do not race each other. */
const accountLocks = new Map<string, Promise<unknown>>()
const oneAtATime = async <T>(id: number | string, task: () => Promise<T>): Promise<T> => {
  const key = String(id)
  const previous = accountLocks.get(key) ?? Promise.resolve()
  const run = previous.then(task, task)
  const settled = run.catch(() => undefined)
  accountLocks.set(key, settled)
  try {
    return await run
  } finally {
    if (accountLocks.get(key) === settled) accountLocks.delete(key)
  }
}

/**
 * Writes the hidden second-factor state (and the sessions that passed it); the callers audit and notify. The write
 * is a compare-and-set in the database: it lands only if the account is unchanged since `account` was read (every
 * change moves `updatedAt`), so two instances checking the same code at once cannot both accept it, nor both spend
 * one recovery code. The loser is answered as a wrong code.
 */
const saveAccount = async (
  payload: Payload,
  account: Account,
  data: { secondFactor?: StoredSecondFactor; secondFactorEnabled?: boolean; secondFactorSessions?: string[] },
  req?: Partial<PayloadRequest>,
) => {
  const unchanged = account.updatedAt ? [{ updatedAt: { equals: account.updatedAt } }] : []
  const { docs } = await asHousekeeping(req, (context) =>
    payload.update({
      collection: 'users',
      where: { and: [{ id: { equals: account.id } }, ...unchanged] },
      data: {
        ...data,
        ...(data.secondFactor ? { secondFactor: { ...account.secondFactor, ...data.secondFactor } } : {}),
      } as Record<string, unknown>,
      depth: 0,
      overrideAccess: true,
      context,
      req,
    }),
  )
  if (docs.length === 0) throw new SecondFactorError('invalid-code')
}

/** The sessions that passed the second factor, dropping those Payload has since ended, plus `sid`. */
const verifiedSessionsWith = (account: Account, sid: string): string[] => {
  const live = new Set((account.sessions ?? []).map(({ id }) => id))
  return [...sessionIds(account.secondFactorSessions).filter((id) => live.has(id) && id !== sid), sid]
}

export type Enrolment = { secret: string; otpauthUri: string; qrCodeDataUrl: string }

/** Starts (or restarts) enrolment: a new secret, kept sealed as pending until a code from it is confirmed. */
export const startEnrolment = async (
  payload: Payload,
  userId: number | string,
  req?: Partial<PayloadRequest>,
): Promise<Enrolment> => {
  const account = await loadAccount(payload, userId, req)
  if (account.secondFactor?.secret) throw new SecondFactorError('already-enrolled')
  const secret = new Secret({ size: 20 }).base32
  await saveAccount(
    payload,
    account,
    { secondFactor: { pendingSecret: sealSecret(secret, payload.secret, SEAL_PURPOSE) } },
    req,
  )
  const otpauthUri = totpFor(secret, account.email).toString()
  return {
    secret,
    otpauthUri,
    qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  }
}

/** The time step a code belongs to, if it is right for `secret` now and newer than the last one used. */
const acceptedCounter = (secret: string, account: Account, code: string): number | null => {
  const totp = totpFor(secret, account.email)
  const delta = totp.validate({ token: code.replace(/\s/g, ''), window: TOTP_WINDOW })
  if (delta === null) return null
  const counter = totp.counter() + delta
  return counter > (account.secondFactor?.lastUsedCounter ?? -1) ? counter : null
}

/**
 * Confirms enrolment with a first code from the app: the second factor is on, this session has passed it, and the
 * ten recovery codes are returned, the only time they are ever shown.
 */
export const confirmEnrolment = (
  payload: Payload,
  userId: number | string,
  sid: string | undefined,
  code: string,
  req?: Partial<PayloadRequest>,
) =>
  oneAtATime(userId, async (): Promise<string[]> => {
    if (!sid) throw new SecondFactorError('no-session')
    const account = await loadAccount(payload, userId, req)
    if (account.secondFactor?.secret) throw new SecondFactorError('already-enrolled')
    if (!account.secondFactor?.pendingSecret) throw new SecondFactorError('no-enrolment')
    const secret = openSecret(account.secondFactor.pendingSecret, payload.secret, SEAL_PURPOSE)
    const counter = acceptedCounter(secret, account, code)
    if (counter === null) throw new SecondFactorError('invalid-code')
    const recoveryCodes = newRecoveryCodes()
    await saveAccount(
      payload,
      account,
      {
        secondFactorEnabled: true,
        secondFactorSessions: verifiedSessionsWith(account, sid),
        secondFactor: {
          secret: account.secondFactor.pendingSecret,
          pendingSecret: null,
          lastUsedCounter: counter,
          recoveryCodes: recoveryCodes.map(hashRecoveryCode),
        },
      },
      req,
    )
    return recoveryCodes
  })

export type Proof = { code?: unknown; recoveryCode?: unknown }

/**
 * Passes the second factor for this session with a current TOTP code (each accepted once) or an unused recovery
 * code (spent). Answers how many recovery codes are left.
 */
export const verifySecondFactor = (
  payload: Payload,
  userId: number | string,
  sid: string | undefined,
  proof: Proof,
  req?: Partial<PayloadRequest>,
) =>
  oneAtATime(userId, async (): Promise<{ recoveryCodesLeft: number; usedRecoveryCode: boolean }> => {
    if (!sid) throw new SecondFactorError('no-session')
    const account = await loadAccount(payload, userId, req)
    const stored = account.secondFactor
    if (!stored?.secret) throw new SecondFactorError('not-enrolled')
    const hashes = sessionIds(stored.recoveryCodes)
    const secondFactorSessions = verifiedSessionsWith(account, sid)

    if (typeof proof.code === 'string' && proof.code.trim() !== '') {
      const counter = acceptedCounter(openSecret(stored.secret, payload.secret, SEAL_PURPOSE), account, proof.code)
      if (counter === null) throw new SecondFactorError('invalid-code')
      await saveAccount(payload, account, { secondFactorSessions, secondFactor: { lastUsedCounter: counter } }, req)
      return { recoveryCodesLeft: hashes.length, usedRecoveryCode: false }
    }
    if (typeof proof.recoveryCode === 'string' && proof.recoveryCode.trim() !== '') {
      const hash = hashRecoveryCode(proof.recoveryCode)
      if (!hashes.includes(hash)) throw new SecondFactorError('invalid-code')
      const left = hashes.filter((stored) => stored !== hash)
      await saveAccount(payload, account, { secondFactorSessions, secondFactor: { recoveryCodes: left } }, req)
      return { recoveryCodesLeft: left.length, usedRecoveryCode: true }
    }
    throw new SecondFactorError('invalid-code')
  })

/**
 * New recovery codes, proven with a current code from the app (a session alone is not enough to change how the
 * account is recovered); the old codes stop working.
 */
export const replaceRecoveryCodes = (
  payload: Payload,
  userId: number | string,
  code: string,
  req?: Partial<PayloadRequest>,
) =>
  oneAtATime(userId, async (): Promise<string[]> => {
    const account = await loadAccount(payload, userId, req)
    if (!account.secondFactor?.secret) throw new SecondFactorError('not-enrolled')
    const counter = acceptedCounter(
      openSecret(account.secondFactor.secret, payload.secret, SEAL_PURPOSE),
      account,
      code,
    )
    if (counter === null) throw new SecondFactorError('invalid-code')
    const recoveryCodes = newRecoveryCodes()
    await saveAccount(
      payload,
      account,
      { secondFactor: { recoveryCodes: recoveryCodes.map(hashRecoveryCode), lastUsedCounter: counter } },
      req,
    )
    return recoveryCodes
  })

/**
 * Turns the second factor off (an admin, for a user who lost both phone and codes): the user enrols again at the
 * next sign-in if the role requires it, and every session of the account ends.
 */
export const removeSecondFactor = (payload: Payload, userId: number | string, req?: Partial<PayloadRequest>) =>
  oneAtATime(userId, async () => {
    const account = await loadAccount(payload, userId, req)
    await asHousekeeping(req, (context) =>
      payload.update({
        collection: 'users',
        id: account.id,
        data: {
          secondFactorEnabled: false,
          secondFactorSessions: [],
          secondFactor: { secret: null, pendingSecret: null, lastUsedCounter: null, recoveryCodes: [] },
          sessions: [],
        } as Record<string, unknown>,
        depth: 0,
        overrideAccess: true,
        context,
        req,
      }),
    )
  })
