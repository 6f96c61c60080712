import { RateLimiterRes } from 'rate-limiter-flexible'

import { loginThrottleOptionsFromEnvironment } from '../server/loginThrottle'
import { type LimiterFactory } from '../server/rateLimiterStore'

export type SecondFactorThrottle = {
  /** Counts an attempt up front; answers the seconds to wait when the account or the address is over budget. */
  attempt: (account: string, address: string) => Promise<number | null>
  /** Gives a successful attempt back to the address (the account's count starts again). */
  succeeded: (account: string, address: string) => Promise<void>
}

/**
 * A six-digit code is guessed in a million tries: codes checked for an account and from an address are throttled
 * with the sign-in budgets (LOGIN_MAX_FAILURES_PER_ACCOUNT / _PER_ADDRESS, window and block), in their own counters,
 * in memory or Redis like the sign-in throttle.
 */
export const secondFactorThrottle = (limiters: LimiterFactory, budgets = loginThrottleOptionsFromEnvironment()): SecondFactorThrottle => {
  const limiter = (keyPrefix: string, points: number) =>
    limiters({ keyPrefix, points, duration: budgets.windowSeconds, blockDuration: budgets.blockSeconds })
  const perAccount = limiter('second-factor-account', budgets.maxFailuresPerAccount)
  const perAddress = limiter('second-factor-address', budgets.maxFailuresPerAddress)
  return {
    attempt: async (account, address) => {
      const outcomes = await Promise.allSettled([perAccount.consume(account), perAddress.consume(address)])
      const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []))
      if (refusals.length === 0) return null
      const storeFailure = refusals.find((refusal) => !(refusal instanceof RateLimiterRes))
      if (storeFailure) throw storeFailure
      return Math.ceil(Math.max(1000, ...refusals.map((refusal: RateLimiterRes) => refusal.msBeforeNext)) / 1000)
    },
    succeeded: async (account, address) => {
      await Promise.all([perAccount.delete(account), perAddress.reward(address, 1)])
    },
  }
}
