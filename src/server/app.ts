import type { Payload, SanitizedConfig } from 'payload'

import express, { type Express, type RequestHandler } from 'express'

import type { DeliverySettings } from '../delivery/settings'

import { deliverySettings } from '../delivery/settings'
import { frontendKeyCheck } from '../lib/auth/frontendKeys'
import { environment } from '../lib/env'

import { japaneseAdminByDefault } from './adminLanguage'
import { bodyLimitsOf, limitBodies } from './bodyLimit'
import { exposeClientAddress } from '../lib/clientAddress'
import { refuseCrossSiteRequests } from './crossSite'
import { refuseDeveloperViews } from './developerViews'
import { healthRoutes, type Readiness } from './health'
import { metricsRoutes } from './metricsRoute'
import { payloadApi } from './payloadApi'
import { previewPageRoutes } from './previewPage'
import { validateQueries } from './queryValidation'
import { apiRateLimit } from './rateLimit'
import { securityHeaders } from './securityHeaders'

export type AppOptions = {
  payload: Payload
  config: Promise<SanitizedConfig>
  readiness: Readiness
  production: boolean
  apiRateLimitPerMinute: number
  /** Next.js serving the admin; absent in API-only tests, where everything else answers 404. */
  nextHandler?: RequestHandler
  /** The response cache and Cache-Control of JSON answers (src/server/listener.ts makes them; absent: from the environment). */
  delivery?: DeliverySettings
}

/**
 * The Express app in front of everything: health first, then the API straight into Payload's handlers,
 * then the Next.js admin. No body parser is mounted: Payload reads the raw request body itself.
 */
export const createApp = ({
  payload,
  config,
  readiness,
  production,
  apiRateLimitPerMinute,
  nextHandler,
  delivery = deliverySettings(payload.config),
}: AppOptions): Express => {
  const app = express()
  app.disable('x-powered-by')
  // Behind a proxy, TRUST_PROXY (a hop count or list) makes rate limits see the client address.
  const trustProxy = environment().TRUST_PROXY
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy)

  app.use(exposeClientAddress)
  app.use(securityHeaders({ production }))
  app.use(healthRoutes(payload, readiness))
  // Prometheus scrapes, from allowed addresses or with the token, never met by the API's rate limit.
  app.use(metricsRoutes(payload, delivery.cache))
  // Before anything acts: another site's page cannot make a signed-in browser write, sign in or sign out here.
  app.use(refuseCrossSiteRequests())
  app.use('/api', apiRateLimit(apiRateLimitPerMinute, frontendKeyCheck(payload)))
  // Every /api body is refused past its limit (413) before Payload holds it in memory.
  app.use('/api', limitBodies(bodyLimitsOf(payload.config)))
  // Malformed query strings are answered 400 here, before Payload's database adapter meets them.
  app.use('/api', validateQueries(payload.config))
  app.use(payloadApi(config, delivery))
  app.use(previewPageRoutes(payload))
  if (nextHandler) {
    app.use('/admin', japaneseAdminByDefault, refuseDeveloperViews(payload))
    app.all('/{*splat}', nextHandler)
  } else app.use((_req, res) => res.status(404).json({ errors: [{ message: 'Not found' }] }))
  return app
}
