import type { Server } from 'node:http'
import type { Payload } from 'payload'

import type { Readiness } from './health'

/** How long in-flight requests get to finish before the process gives up on them. */
const DRAIN_TIMEOUT_MS = 10_000

/**
 * SIGTERM / SIGINT: report not-ready, stop accepting connections, let in-flight requests finish, close
 * the database, exit 0. A second signal, or requests that outlive the timeout, end the process with 1.
 */
export const handleShutdownSignals = (
  server: Server,
  payload: Payload,
  readiness: Readiness,
  beforeExit: () => Promise<void> = async () => {},
) => {
  const shutDown = async (signal: NodeJS.Signals) => {
    if (readiness.shuttingDown) {
      process.exit(1)
    }
    readiness.shuttingDown = true
    payload.logger.info(`${signal}: finishing in-flight requests, then stopping`)
    const forced = setTimeout(() => {
      payload.logger.error('Requests still running after the drain timeout; exiting')
      process.exit(1)
    }, DRAIN_TIMEOUT_MS)
    forced.unref()
    await closeServer(server)
    await beforeExit()
    await payload.destroy()
    payload.logger.info('Stopped cleanly')
    process.exit(0)
  }
  process.on('SIGTERM', shutDown)
  process.on('SIGINT', shutDown)
}

/** Stops accepting, closes idle keep-alive connections at once, and resolves when the last request ends. */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeIdleConnections()
  })
