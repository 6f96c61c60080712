import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'

import { ipKeyGenerator } from 'express-rate-limit'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { apiKeyOf } from '../lib/auth/frontendKeys'
import { type LimiterFactory, limitersFromEnvironment } from '../lib/rateLimiterStore'

/** Points per client address per minute on /api before 429 (API_RATE_LIMIT_PER_MINUTE; 0 turns it off). */
export const DEFAULT_API_RATE_LIMIT = 600

const WINDOW_SECONDS = 60

const TOO_MANY = { ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。', en: 'Too many requests. Please retry later.' }

/** What spending more of a request's budget came to: refused requests learn how long to wait. */
export type BudgetAnswer = { ok: true } | { ok: false; retryAfterSeconds: number }

/** Spends more points of the budget of the address that sent `req` (see spendApiBudget). */
type Spend = (points: number) => Promise<BudgetAnswer>

const spenders = new WeakMap<ExpressRequest, Spend>()

/**
 * Spends `points` more of the per-address budget the request was already charged one point of: a GraphQL operation
 * pays for its cost this way (see src/graphql/requestMeter.ts). Requests that met no budget (off, or outside /api)
 * always may.
 */
export const spendApiBudget = (req: ExpressRequest, points: number): Promise<BudgetAnswer> =>
  spenders.get(req)?.(points) ?? Promise.resolve({ ok: true })

const retryAfterOf = (refusal: RateLimiterRes): number => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))

/** The RateLimit header fields of draft-8 (the shape express-rate-limit sent before). */
const describeBudget = (res: ExpressResponse, perMinute: number, state: RateLimiterRes) => {
  res.set('RateLimit-Policy', `"api";q=${perMinute};w=${WINDOW_SECONDS}`)
  res.set('RateLimit', `"api";r=${Math.max(0, state.remainingPoints)};t=${Math.ceil(state.msBeforeNext / 1000)}`)
}

/** Whether a key is a frontend's enabled key (src/lib/auth/frontendKeys.ts frontendKeyCheck). */
export type FrontendKeyCheck = (key: string) => Promise<boolean>

/** Reads a frontend makes: GET and HEAD, and GraphQL over POST (a mutation is refused to it as to the public). */
const readsOfAFrontend = (req: ExpressRequest): boolean =>
  req.method === 'GET' || req.method === 'HEAD' || (req.method === 'POST' && req.originalUrl.split('?')[0] === '/api/graphql')

/** A read carrying a frontend's valid key: a server-rendered shop site, which reads from one address for everyone. */
const fromAFrontend = async (req: ExpressRequest, isFrontendKey: FrontendKeyCheck | undefined): Promise<boolean> => {
  if (!isFrontendKey || !readsOfAFrontend(req)) return false
  const key = apiKeyOf(req.get('authorization'))
  return key !== null && (await isFrontendKey(key))
}

/**
 * A budget of points per client address per minute on /api: every request spends one, and a GraphQL operation more
 * by its cost, so one costly request cannot count as one. Over budget: 429 with Retry-After. Counters live where
 * every instance shares them (src/lib/rateLimiterStore.ts); the key is the address, IPv6 by its /56 network
 * (express-rate-limit's ipKeyGenerator), so an attacker cannot walk the addresses of one connection.
 * Reads with a frontend's valid key spend nothing; a wrong or disabled key is charged like anyone.
 */
export const apiRateLimit = (perMinute: number, isFrontendKey?: FrontendKeyCheck, limiters: LimiterFactory = limitersFromEnvironment()): RequestHandler => {
  if (perMinute === 0) return (_req, _res, next) => next()
  const limiter = limiters({ keyPrefix: 'api', points: perMinute, duration: WINDOW_SECONDS, blockDuration: 0 })

  return async (req, res, next) => {
    if (await fromAFrontend(req, isFrontendKey)) return next()
    const key = ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')
    try {
      describeBudget(res, perMinute, await limiter.consume(key, 1))
    }
    catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return next(refusal)
      describeBudget(res, perMinute, refusal)
      res.set('Retry-After', String(retryAfterOf(refusal)))
      return res.status(429).json({ errors: [{ message: req.acceptsLanguages('ja', 'en') === 'en' ? TOO_MANY.en : TOO_MANY.ja }] })
    }
    spenders.set(req, async (points) => {
      if (points <= 0) return { ok: true }
      try {
        await limiter.consume(key, points)
        return { ok: true }
      }
      catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfterOf(refusal) }
        throw refusal
      }
    })
    next()
  }
}
