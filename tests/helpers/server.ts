import type { AddressInfo } from 'node:net'

import { createServer } from 'node:http'

import type { SignInBudgets } from '../../src/lib/auth/signInBudget'

import { closeServer } from '../../src/server/shutdown'
import { type ApiRequest, type GraphqlRequest, httpClient } from './http'
import { startPayload, type TestPayload } from './payload'

export type TestServer = TestPayload & {
  baseUrl: string
  readiness: { shuttingDown: boolean }
  request: ApiRequest
  graphql: GraphqlRequest
  login: (email: string, password: string) => Promise<string>
}

/** Sign-in budgets so large that suites signing in many users never meet them; tests of throttling pass small ones. */
export const GENEROUS_LOGIN_BUDGETS = {
  maxFailuresPerAccount: 10_000,
  maxFailuresPerAddress: 10_000,
  maxAttemptsPerAddress: 10_000,
}

/** The real server (its listener: CORS, response cache, then the Express app) on an ephemeral port, without Next.js. */
export const startServer = async ({
  apiRateLimitPerMinute = 0,
  loginThrottle = GENEROUS_LOGIN_BUDGETS,
}: { apiRateLimitPerMinute?: number; loginThrottle?: Partial<SignInBudgets> } = {}): Promise<TestServer> => {
  const context = await startPayload()
  // Imported once startPayload has set DATA_DIR: the module reaches src/lib/paths, which reads it at import.
  const { setSignInBudgets } = await import('../../src/lib/auth/signInBudget')
  // Payload's auth hooks count against the process's sign-in budget: these budgets, with fresh counters.
  setSignInBudgets(loginThrottle)
  const { createListener } = await import('../../src/server/listener')
  const readiness = { shuttingDown: false }
  const listener = createListener({
    payload: context.payload,
    config: Promise.resolve(context.payload.config),
    readiness,
    production: false,
    apiRateLimitPerMinute,
  })
  const server = createServer(listener).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const { request, graphql, login } = httpClient(baseUrl)

  return {
    ...context,
    baseUrl,
    readiness,
    request,
    graphql,
    login,
    stop: async () => {
      server.closeAllConnections()
      await closeServer(server)
      await context.stop()
    },
  }
}
