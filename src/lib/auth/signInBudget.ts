import { RateLimiterRes } from 'rate-limiter-flexible'

import { type LimiterFactory, limitersFromEnvironment, memoryLimiters } from '../rateLimiterStore'
import { environment } from '../env'

/**
 * Every check of a secret, and every request that mails or spends a reset link: a sign-in, the current password
 * sent with an e-mail or password change, a second-factor code, a reset mailed, a reset token tried.
 */
export type SecretCheck = 'current-password' | 'forgot-password' | 'login' | 'reset-password' | 'second-factor'

export type SignInBudgets = {
  /** Failed checks of one account's secret (from any address) within the window before the account is blocked. */
  maxFailuresPerAccount: number
  /** Failed checks from one client address (any account, any kind) within the window before it is blocked. */
  maxFailuresPerAddress: number
  /** All sign-ins and resets, successful ones too, from one client address within the window: stops walking a list. */
  maxAttemptsPerAddress: number
  windowSeconds: number
  /** How long a key over budget stays blocked. */
  blockSeconds: number
  limiters: LimiterFactory
}

/** Who is checked, and from where: the account (a normalised e-mail address) and the client address, when known. */
export type CheckParty = { account?: string; address?: null | string }

/**
 * The counter an account's checks are charged to. A sign-in and the current password test the same secret and
 * share one count; a second-factor code has its own, so that a right password never wipes out wrong codes. Resets
 * mailed are counted per account apart from sign-ins (a stranger's requests must not lock the owner out), and a
 * reset token names no account.
 */
const ACCOUNT_COUNTER: Record<SecretCheck, null | string> = {
  login: 'password',
  'current-password': 'password',
  'second-factor': 'second-factor',
  'forgot-password': 'reset-mail',
  'reset-password': null,
}

/**
 * Checks a stranger can make, which the count of all attempts per address limits (walking a list of valid pairs).
 * The current password and second-factor codes need a session, whose sign-in was counted there already.
 */
const STRANGERS_CHECKS = new Set<SecretCheck>(['login', 'forgot-password', 'reset-password'])

/** Production budgets: 5 failures per account and 10 per address in 15 minutes, then 15 minutes blocked. */
export const signInBudgetsFromEnvironment = (env = environment()): SignInBudgets => ({
  maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
  maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
  maxAttemptsPerAddress: env.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
  windowSeconds: env.LOGIN_WINDOW_SECONDS,
  blockSeconds: env.LOGIN_BLOCK_SECONDS,
  limiters: limitersFromEnvironment(env.REDIS_URL, env.DATABASE_URI),
})

export const normaliseAccount = (email: unknown): string | undefined =>
  typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined

export type SignInBudget = {
  /**
   * Counts a check up front, as a failure until it succeeds, so that parallel requests cannot slip through while a
   * hash is computed. Answers null within budget, else the seconds to wait; the store's own failure is thrown.
   */
  charge: (check: SecretCheck, party: CheckParty) => Promise<null | number>
  /** A check that succeeded: its failure is given back to the address, and the account's count starts again. */
  succeeded: (check: SecretCheck, party: CheckParty) => Promise<void>
  /** True the first time an address is refused in a block: the audit log records that one, not every refusal. */
  firstRefusalInBlock: (address: string) => Promise<boolean>
}

export const signInBudget = (budgets: SignInBudgets): SignInBudget => {
  const limiter = (keyPrefix: string, points: number) =>
    budgets.limiters({ keyPrefix, points, duration: budgets.windowSeconds, blockDuration: budgets.blockSeconds })
  const accountFailures = limiter('auth-fail-account', budgets.maxFailuresPerAccount)
  const addressFailures = limiter('auth-fail-address', budgets.maxFailuresPerAddress)
  const addressAttempts = limiter('auth-all-address', budgets.maxAttemptsPerAddress)
  const auditedRefusals = budgets.limiters({
    keyPrefix: 'audit-throttled',
    points: 1,
    duration: budgets.blockSeconds,
    blockDuration: 0,
  })
  const accountKey = (check: SecretCheck, account?: string) =>
    ACCOUNT_COUNTER[check] && account ? `${ACCOUNT_COUNTER[check]}:${account}` : null

  return {
    charge: async (check, { account, address }) => {
      const key = accountKey(check, account)
      // Without an address (the Local API, server code) only the account is counted.
      const outcomes = await Promise.allSettled([
        ...(address && STRANGERS_CHECKS.has(check) ? [addressAttempts.consume(address)] : []),
        ...(address ? [addressFailures.consume(address)] : []),
        ...(key ? [accountFailures.consume(key)] : []),
      ])
      const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))
      if (refusals.length === 0) return null
      const storeFailure = refusals.find((refusal) => !(refusal instanceof RateLimiterRes))
      if (storeFailure) throw storeFailure
      return Math.ceil(Math.max(1000, ...refusals.map((refusal) => (refusal as RateLimiterRes).msBeforeNext)) / 1000)
    },
    succeeded: async (check, { account, address }) => {
      // A mailed reset is given nothing back: it costs the owner's inbox whether or not the address exists.
      if (check === 'forgot-password') return
      const key = accountKey(check, account)
      await Promise.all([
        ...(address ? [addressFailures.reward(address, 1)] : []),
        ...(key ? [accountFailures.delete(key)] : []),
      ])
    },
    firstRefusalInBlock: async (address) => {
      try {
        await auditedRefusals.consume(address)
        return true
      } catch {
        return false
      }
    },
  }
}

let overrides: Partial<SignInBudgets> = {}
let current: SignInBudget | undefined

/** The process's sign-in budget: the environment's (LOGIN_*, and the store of src/lib/rateLimiterStore.ts), unless setSignInBudgets set others. */
export const currentSignInBudget = (): SignInBudget =>
  (current ??= signInBudget({ ...signInBudgetsFromEnvironment(), ...overrides }))

/**
 * Budgets over those of the environment, with fresh counters (in this process's memory unless `limiters` names a
 * store): tests set small ones (or generous ones) here.
 */
export const setSignInBudgets = (budgets: Partial<SignInBudgets>): void => {
  overrides = { limiters: memoryLimiters, ...budgets }
  current = undefined
}
