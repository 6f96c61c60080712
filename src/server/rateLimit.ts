import type { RequestHandler } from 'express'

import { rateLimit } from 'express-rate-limit'

/** Requests per client address per minute on /api before 429 (API_RATE_LIMIT_PER_MINUTE; 0 turns it off). */
export const DEFAULT_API_RATE_LIMIT = 600

export const apiRateLimit = (perMinute: number): RequestHandler =>
  rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: () => perMinute === 0,
    message: { errors: [{ message: 'Too many requests. Please retry later.' }] },
  })
