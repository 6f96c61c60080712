import type { Payload } from 'payload'

import { Router } from 'express'
import { createHash, timingSafeEqual } from 'node:crypto'
import proxyAddr from 'proxy-addr'

import type { ResponseCache } from '../delivery/responseCache'

import { environment } from '../lib/env'
import { collectMetricsOf, metricsEnabled, metricsRegistry } from '../lib/metrics'

/**
 * Who may read /metrics from its address: METRICS_ALLOWED_ADDRESSES, comma-separated addresses, CIDR ranges or the
 * names proxy-addr knows (loopback, linklocal, uniquelocal), as TRUST_PROXY takes them; loopback by default. A
 * malformed entry stops the start with the variable's name (src/lib/env.ts).
 */
export const allowedMetricsAddresses = (): ((address: string) => boolean) => {
  const trusted = proxyAddr.compile([...environment().METRICS_ALLOWED_ADDRESSES])
  return (address) => trusted(address, 0)
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time (digests of equal length); false when no token is set. */
const bearerTokenCheck = (): ((authorization: string | undefined) => boolean) => {
  const token = environment().METRICS_TOKEN
  if (!token) return () => false
  const expected = digest(token)
  return (authorization) => {
    const [scheme, sent] = (authorization ?? '').split(' ', 2)
    return scheme?.toLowerCase() === 'bearer' && sent !== undefined && timingSafeEqual(digest(sent), expected)
  }
}

/**
 * GET /metrics in Prometheus's text format, for a client at an allowed address (Express's req.ip, so TRUST_PROXY
 * applies) or with the bearer token. Anyone else meets what an unknown path gets (404): the route is not advertised.
 * METRICS=off mounts nothing.
 */
export const metricsRoutes = (payload: Payload, cache: ResponseCache | undefined): Router => {
  const router = Router()
  if (!metricsEnabled()) return router
  const addressAllowed = allowedMetricsAddresses()
  const tokenRight = bearerTokenCheck()
  collectMetricsOf(payload, cache)
  router.get('/metrics', async (req, res, next) => {
    if (!(req.ip !== undefined && addressAllowed(req.ip)) && !tokenRight(req.get('authorization'))) return next()
    const text = await metricsRegistry.metrics()
    res.set({ 'Content-Type': metricsRegistry.contentType, 'Cache-Control': 'no-store' }).send(text)
  })
  return router
}
