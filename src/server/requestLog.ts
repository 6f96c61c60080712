import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { environment } from '../lib/env'
import { metricsEnabled, observeRequest } from '../lib/metrics'
import { routeTemplates } from './metricsRoutes'
import { REQUEST_ID_HEADER, requestIdOf } from '../lib/requestId'

/**
 * Every request, as the listener receives it (cache hits, preflights and Express alike): its id chosen and sent back
 * in X-Request-Id, and put in its headers so Payload's request and our hooks see the same id; when its response ends,
 * one access-log line (method, route template, status, duration, id) at info level through Payload's logger (pino,
 * JSON lines), and its count and duration in /metrics. Answers the id.
 */
export const requestObserver = (payload: Payload) => {
  const routeOf = routeTemplates(payload.config)
  const measured = metricsEnabled()
  const behindTrustedProxy = environment().TRUST_PROXY !== undefined
  return (req: IncomingMessage, res: ServerResponse): string => {
    const id = requestIdOf(req, behindTrustedProxy)
    req.headers[REQUEST_ID_HEADER] = id
    res.setHeader('X-Request-Id', id)
    const started = performance.now()
    // Express rewrites req.url while a router mounted on a path runs: the URL as it arrived.
    const { method, url } = req
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000
      const route = routeOf(method ?? 'GET', url)
      if (measured) observeRequest(method, route, res.statusCode, seconds)
      const { logger } = payload
      // A client that went away before its answer was sent is logged as such, with the status that was meant.
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            requestId: id,
            method,
            route,
            status: res.statusCode,
            durationMs: Math.round(seconds * 10_000) / 10,
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        )
      }
    })
    return id
  }
}
