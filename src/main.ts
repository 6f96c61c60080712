/**
 * The process entry: `npm start` (production build, local defaults), `npm run serve` (a deployment), `npm run dev`,
 * and `npm run serve:api` (API_ONLY=true: the API without Next.js, for read replicas; /admin answers 404 there).
 * Express answers /healthz, /readyz and /api itself and hands everything else to the Next.js admin.
 */
import type { RequestHandler } from 'express'

import { createServer } from 'node:http'
import { getPayload } from 'payload'

import { startChangePropagation } from './delivery/crossInstance'
import { deploymentProblems, isDeployment } from './lib/deployment'
import { EnvironmentError, loadEnvironment } from './lib/env'
import { PROJECT_ROOT } from './lib/paths'
import { prepareDatabase } from './startup/prepareDatabase'
import { createListener } from './server/listener'
import { ensureProductionBuild } from './server/nextBuild'
import { handleShutdownSignals } from './server/shutdown'

const start = async () => {
  const startedAt = Date.now()
  // Read and checked once, every bad value named at once; every module reads this object from here on.
  const env = loadEnvironment()
  // Set by the npm scripts, before any module reads it: React and Next pick their builds at import time.
  const production = env.NODE_ENV === 'production'
  const { PORT: port, HOST: host } = env
  // Neither builds nor loads Next.js: the admin is served by other instances.
  const apiOnly = env.API_ONLY
  const problems = isDeployment(env) ? deploymentProblems(env) : []
  if (problems.length > 0) {
    console.error(`Refusing to start in production:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    process.exit(1)
  }
  if (production && !apiOnly) await ensureProductionBuild((message) => console.log(message))

  const { default: configPromise } = await import('../payload.config')
  const payload = await getPayload({ config: configPromise })
  await prepareDatabase(payload)
  // The job queue's cron (scheduled publishing, webhook deliveries) runs from here, on the migrated database: Payload
  // otherwise starts it at the first request it routes itself, which an instance answering only from the response
  // cache may never get.
  await getPayload({ config: configPromise, cron: true })
  // Other instances on the same database learn of this one's changes, and this one of theirs.
  const changePropagation = await startChangePropagation(payload)

  // Imported only when used: Next.js alone holds tens of megabytes an API-only instance does without.
  const nextApp = apiOnly ? undefined : (await import('next')).default({ dev: !production, dir: PROJECT_ROOT })
  await nextApp?.prepare()
  const handleWithNext = nextApp?.getRequestHandler()
  const nextHandler: RequestHandler | undefined = handleWithNext && ((req, res) => handleWithNext(req, res))

  const readiness = { shuttingDown: false }
  const listener = createListener({
    payload,
    config: Promise.resolve(payload.config),
    readiness,
    production,
    apiRateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
    nextHandler,
  })

  const server = createServer(listener).listen(port, host, () => {
    const mode = `${production ? 'production' : 'development'}${apiOnly ? ', API only' : ''}`
    payload.logger.info(
      `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${mode}, ${payload.db.name}): http://localhost:${port}${apiOnly ? '/api' : '/admin'}`,
    )
  })
  if (!production && nextApp) server.on('upgrade', nextApp.getUpgradeHandler())
  handleShutdownSignals(server, payload, readiness, async () => {
    await changePropagation.stop()
    await nextApp?.close()
  })
}

// A main function rather than top-level await: under tsx's loader, a freshly changed module met during a
// top-level await made Node exit silently with code 13 ("unsettled top-level await").
start().catch((error) => {
  // A bad setting is the operator's to fix: one line for each, without a stack.
  console.error(
    error instanceof EnvironmentError
      ? `Refusing to start: the environment has bad values:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`
      : error,
  )
  process.exit(1)
})
