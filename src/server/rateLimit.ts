import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'

import { type Admission, API_BUDGET_WINDOW_SECONDS, apiBudget } from '../lib/apiBudget'
import { apiKeyOf } from '../lib/auth/frontendKeys'
import { languageOf } from '../lib/i18n'
import { type LimiterFactory, limitersFromEnvironment } from '../lib/rateLimiterStore'

const TOO_MANY = {
  ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。',
  en: 'Too many requests. Please retry later.',
}

/** The RateLimit header fields of the IETF draft 8 (RateLimit-Policy and RateLimit): the quota, and what is left of it. */
const describeBudget = (res: ExpressResponse, perMinute: number, state: Admission) => {
  res.set('RateLimit-Policy', `"api";q=${perMinute};w=${API_BUDGET_WINDOW_SECONDS}`)
  res.set('RateLimit', `"api";r=${state.remainingPoints};t=${state.secondsToReset}`)
}

/** Whether a key is a frontend's enabled key (src/lib/auth/frontendKeys.ts frontendKeyCheck). */
export type FrontendKeyCheck = (key: string) => Promise<boolean>

/** Reads a frontend makes: GET and HEAD, and GraphQL over POST (a mutation is refused to it as to the public). */
const readsOfAFrontend = (req: ExpressRequest): boolean =>
  req.method === 'GET' ||
  req.method === 'HEAD' ||
  (req.method === 'POST' && req.originalUrl.split('?')[0] === '/api/graphql')

/** A read carrying a frontend's valid key: a server-rendered shop site, which reads from one address for everyone. */
const fromAFrontend = async (req: ExpressRequest, isFrontendKey: FrontendKeyCheck | undefined): Promise<boolean> => {
  if (!isFrontendKey || !readsOfAFrontend(req)) return false
  const key = apiKeyOf(req.get('authorization'))
  return key !== null && (await isFrontendKey(key))
}

/**
 * The per-address API budget of src/lib/apiBudget.ts on /api: every request spends one point, and a GraphQL
 * operation more by its cost, so one costly request cannot count as one. Over budget: 429 with Retry-After.
 * Reads with a frontend's valid key spend nothing; a wrong or disabled key is charged like anyone.
 */
export const apiRateLimit = (
  perMinute: number,
  isFrontendKey?: FrontendKeyCheck,
  limiters: LimiterFactory = limitersFromEnvironment(),
): RequestHandler => {
  if (perMinute === 0) return (_req, _res, next) => next()
  const admit = apiBudget(perMinute, limiters)

  return async (req, res, next) => {
    if (await fromAFrontend(req, isFrontendKey)) return next()
    let admission: Admission
    try {
      admission = await admit(req, req.ip ?? req.socket.remoteAddress ?? 'unknown')
    } catch (storeFailure) {
      return next(storeFailure)
    }
    describeBudget(res, perMinute, admission)
    if (admission.admitted) return next()
    res.set('Retry-After', String(admission.retryAfterSeconds))
    res.status(429).json({ errors: [{ message: TOO_MANY[languageOf(req.acceptsLanguages('ja', 'en'))] }] })
  }
}
