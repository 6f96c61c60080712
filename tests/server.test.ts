import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startServer, type TestServer } from './helpers/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer({ apiRateLimitPerMinute: 30 })
})
afterAll(async () => {
  await server?.stop()
})

describe('the Express server in front of Payload', () => {
  it('answers /healthz while the process is alive', async () => {
    const response = await server.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz after asking the database, and 503 once shutting down', async () => {
    const ready = await server.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', database: 'sqlite' })

    server.readiness.shuttingDown = true
    const draining = await server.request('/readyz')
    server.readiness.shuttingDown = false
    expect(draining.status).toBe(503)
  })

  it('sets security headers on API responses', async () => {
    const response = await server.request('/api/stores')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-powered-by')).toBeNull()
  })

  it('answers unknown paths with a JSON 404 when no admin is mounted', async () => {
    const response = await server.request('/no-such-page')
    expect(response.status).toBe(404)
    expect((await response.json()).errors[0].message).toBe('Not found')
  })

  it('answers 429 with Retry-After once a client spends its API budget', async () => {
    const statuses: number[] = []
    let retryAfter: null | string = null
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const response = await server.request('/api/devices?limit=1')
      statuses.push(response.status)
      if (response.status === 429) retryAfter = response.headers.get('retry-after')
    }
    expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })
})
