import type { Payload } from 'payload'

import { Router } from 'express'

export type Readiness = { shuttingDown: boolean }

/**
 * /healthz: the process is alive (for restarts). /readyz: the database answers and we are not shutting
 * down (for load balancers deciding where to send traffic).
 */
export const healthRoutes = (payload: Payload, readiness: Readiness): Router => {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (readiness.shuttingDown) {
      res.status(503).json({ status: 'shutting-down' })
      return
    }
    try {
      await payload.count({ collection: 'stores', overrideAccess: true })
      res.json({ status: 'ready', database: payload.db.name })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Readiness check: the database did not answer' })
      res.status(503).json({ status: 'database-unavailable' })
    }
  })
  return router
}
