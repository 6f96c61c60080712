import type { AddressInfo } from 'node:net'

import type { LoginThrottleOptions } from '../../src/server/loginThrottle'

import { closeServer } from '../../src/server/shutdown'
import { startPayload, type TestPayload } from './payload'

export type TestServer = TestPayload & {
  baseUrl: string
  readiness: { shuttingDown: boolean }
  /** REST or GraphQL call; `token` signs in as a user. */
  request: (path: string, init?: RequestInit & { token?: string; json?: unknown }) => Promise<Response>
  graphql: <T = any>(query: string, options?: { variables?: Record<string, unknown>; token?: string }) => Promise<{ status: number; body: { data?: T; errors?: any[] } }>
  login: (email: string, password: string) => Promise<string>
}

/** The real Express app (API, health, headers, rate limit) on an ephemeral port, without Next.js. */
/** Sign-in budgets so large that suites signing in many users never meet them; tests of throttling pass small ones. */
export const GENEROUS_LOGIN_BUDGETS = { maxFailuresPerAccount: 10_000, maxFailuresPerAddress: 10_000, maxAttemptsPerAddress: 10_000 }

export const startServer = async ({
  apiRateLimitPerMinute = 0,
  loginThrottle = GENEROUS_LOGIN_BUDGETS,
}: { apiRateLimitPerMinute?: number; loginThrottle?: Partial<LoginThrottleOptions> } = {}): Promise<TestServer> => {
  const context = await startPayload()
  const { createApp } = await import('../../src/server/app')
  const readiness = { shuttingDown: false }
  const app = createApp({
    payload: context.payload,
    config: Promise.resolve(context.payload.config),
    readiness,
    production: false,
    apiRateLimitPerMinute,
    loginThrottle,
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const request: TestServer['request'] = (path, { token, json, headers, ...init } = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `JWT ${token}` } : {}),
        ...headers,
      },
      body: json === undefined ? init.body : JSON.stringify(json),
    })

  const graphql: TestServer['graphql'] = async (query, { variables, token } = {}) => {
    const response = await request('/api/graphql', { method: 'POST', token, json: { query, variables } })
    return { status: response.status, body: await response.json() }
  }

  const login = async (email: string, password: string) => {
    const response = await request('/api/users/login', { method: 'POST', json: { email, password } })
    const body = await response.json()
    if (!body.token) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(body)}`)
    return body.token as string
  }

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
