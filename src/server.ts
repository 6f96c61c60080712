/**
 * The process entry: `npm start` (production build, local defaults), `npm run serve` (a deployment) and `npm run dev`.
 * Express answers /healthz, /readyz and /api itself and hands everything else to the Next.js admin.
 */
import next from 'next'
import { getPayload } from 'payload'

import { deploymentProblems, isDeployment } from './lib/deployment'
import { PROJECT_ROOT } from './lib/paths'
import { prepareDatabase } from './lib/prepareDatabase'
import { createApp } from './server/app'
import { ensureProductionBuild } from './server/nextBuild'
import { DEFAULT_API_RATE_LIMIT } from './server/rateLimit'
import { handleShutdownSignals } from './server/shutdown'

// Set by the npm scripts, before any module reads it: React and Next pick their builds at import time.
const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'

const start = async () => {
  const startedAt = Date.now()
  const problems = isDeployment() ? deploymentProblems() : []
  if (problems.length > 0) {
    console.error(`Refusing to start in production:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    process.exit(1)
  }
  if (production) await ensureProductionBuild((message) => console.log(message))

  const { default: configPromise } = await import('../payload.config')
  const payload = await getPayload({ config: configPromise })
  await prepareDatabase(payload)

  const nextApp = next({ dev: !production, dir: PROJECT_ROOT })
  await nextApp.prepare()
  const handleWithNext = nextApp.getRequestHandler()

  const readiness = { shuttingDown: false }
  const app = createApp({
    payload,
    config: Promise.resolve(payload.config),
    readiness,
    production,
    apiRateLimitPerMinute: Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? DEFAULT_API_RATE_LIMIT),
    nextHandler: (req, res) => handleWithNext(req, res),
  })

  const server = app.listen(port, host, () => {
    payload.logger.info(
      `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${production ? 'production' : 'development'}, ${payload.db.name}): http://localhost:${port}/admin`,
    )
  })
  if (!production) server.on('upgrade', nextApp.getUpgradeHandler())
  handleShutdownSignals(server, payload, readiness, () => nextApp.close())
}

// A main function rather than top-level await: under tsx's loader, a freshly changed module met during a
// top-level await made Node exit silently with code 13 ("unsettled top-level await").
start().catch((error) => {
  console.error(error)
  process.exit(1)
})
