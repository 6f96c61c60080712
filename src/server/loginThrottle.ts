import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import { getRequestLanguage } from 'payload'
import { parseCookies } from 'payload/shared'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { type AuthAttempt, graphqlAttempts, normaliseAccount, restBodyData } from './authAttempts'
import { authRouteOf } from './authRoute'
import { BodyTooLargeError, bufferBody } from './bufferedBody'
import { type SettledAnswer, settleGraphqlAnswer, settleRestAnswer } from './loginAnswers'
import { type LimiterFactory, limitersFromEnvironment } from './rateLimiterStore'
import type { ThrottledAttempt } from './throttleAudit'

export type LoginThrottleOptions = {
  /** Failed attempts on one account (any address) within the window before it is blocked. */
  maxFailuresPerAccount: number
  /** Failed attempts from one client address (any account) within the window before it is blocked. */
  maxFailuresPerAddress: number
  /** All attempts, successful ones too, from one client address within the window: stops walking a list. */
  maxAttemptsPerAddress: number
  windowSeconds: number
  /** How long a key over budget stays blocked. */
  blockSeconds: number
  limiters: LimiterFactory
  /** Told of each refused request (the audit log records the first per address and block). */
  onThrottled?: (attempt: ThrottledAttempt) => Promise<void>
}

const numberFromEnvironment = (name: string, fallback: number): number => {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number, not "${value}"`)
  return parsed
}

/** Production budgets: 5 failures per account and 10 per address in 15 minutes, then 15 minutes blocked. */
export const loginThrottleOptionsFromEnvironment = (): LoginThrottleOptions => ({
  maxFailuresPerAccount: numberFromEnvironment('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
  maxFailuresPerAddress: numberFromEnvironment('LOGIN_MAX_FAILURES_PER_ADDRESS', 10),
  maxAttemptsPerAddress: numberFromEnvironment('LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 50),
  windowSeconds: numberFromEnvironment('LOGIN_WINDOW_SECONDS', 900),
  blockSeconds: numberFromEnvironment('LOGIN_BLOCK_SECONDS', 900),
  limiters: limitersFromEnvironment(),
})

const TOO_MANY = {
  ja: '試行回数が多すぎます。しばらくしてから再度お試しください。',
  en: 'Too many attempts. Please retry later.',
}

type Settle = (response: Response) => Promise<Response>
const settlers = new WeakMap<ExpressRequest, Settle>()

/** Payload's answer to an auth request, after the throttle has counted it and normalised refusals (see payloadApi). */
export const settleAuthAnswer = (req: ExpressRequest, response: Response): Promise<Response> =>
  settlers.get(req)?.(response) ?? Promise.resolve(response)

/**
 * Throttles every way to sign in, have a reset mailed or reset a password (REST and GraphQL, aliases and
 * batches counted one by one), per client address and per account, before Payload is called. Every attempt is
 * counted as a failure up front, so parallel requests cannot slip through while Payload is still hashing, and
 * given back when it succeeds. Over budget: 429 with Retry-After.
 */
export const loginThrottle = (config: Promise<SanitizedConfig>, options: LoginThrottleOptions): RequestHandler => {
  const limiter = (keyPrefix: string, points: number) =>
    options.limiters({ keyPrefix, points, duration: options.windowSeconds, blockDuration: options.blockSeconds })
  const accountFailures = limiter('auth-fail-account', options.maxFailuresPerAccount)
  const addressFailures = limiter('auth-fail-address', options.maxFailuresPerAddress)
  const addressAttempts = limiter('auth-all-address', options.maxAttemptsPerAddress)

  const languageOf = async (req: ExpressRequest): Promise<'en' | 'ja'> => {
    const headers = new Headers(req.headers as Record<string, string>)
    return getRequestLanguage({ config: await config, cookies: parseCookies(headers), headers }) === 'en' ? 'en' : 'ja'
  }

  const tooMany = (res: ExpressResponse, language: 'en' | 'ja', refusals: unknown[]) => {
    const waitMs = Math.max(1000, ...refusals.map((refusal) => (refusal instanceof RateLimiterRes ? refusal.msBeforeNext : 0)))
    res.set('Retry-After', String(Math.ceil(waitMs / 1000)))
    res.status(429).json({ errors: [{ message: TOO_MANY[language] }] })
  }

  return async (req, res, next) => {
    const route = authRouteOf(req)
    if (!route) return next()
    let body: Buffer
    try {
      body = await bufferBody(req)
    }
    catch (error) {
      if (error instanceof BodyTooLargeError) return res.status(413).json({ errors: [{ message: error.message }] })
      return next(error)
    }
    const attempts: AuthAttempt[] =
      route === 'graphql'
        ? graphqlAttempts(body)
        : [{ kind: route, account: route === 'reset-password' ? undefined : normaliseAccount((await restBodyData(body, req.get('content-type'))).email) }]
    if (attempts.length === 0) return next()

    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    const accountKeys = attempts.flatMap(({ kind, account }) => (account ? [`${kind}:${account}`] : []))
    const outcomes = await Promise.allSettled([
      addressAttempts.consume(address, attempts.length),
      addressFailures.consume(address, attempts.length),
      ...accountKeys.map((key) => accountFailures.consume(key)),
    ])
    const language = await languageOf(req)
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []))
    if (refusals.length > 0) {
      const storeFailure = refusals.find((refusal) => !(refusal instanceof RateLimiterRes))
      if (storeFailure) return next(storeFailure)
      await options.onThrottled?.({ address, userAgent: req.get('user-agent'), accounts: accountKeys.map((key) => key.slice(key.indexOf(':') + 1)), route })
      return tooMany(res, language, refusals)
    }

    settlers.set(req, async (response) => {
      const settled: SettledAnswer =
        route === 'graphql' ? await settleGraphqlAnswer(response, attempts, language) : await settleRestAnswer(response, attempts[0]!, language)
      // A mailed reset is given nothing back: it costs the victim's inbox whether or not the address exists.
      const givenBack = settled.succeeded.filter(({ kind }) => kind !== 'forgot-password')
      if (givenBack.length > 0) await addressFailures.reward(address, givenBack.length)
      await Promise.all(givenBack.flatMap(({ kind, account }) => (kind === 'login' && account ? [accountFailures.delete(`${kind}:${account}`)] : [])))
      return settled.response
    })
    next()
  }
}
