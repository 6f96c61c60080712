import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { graphqlExecutionGate } from '../src/graphql/executionGate'
import { DEFAULT_GRAPHQL_LIMITS } from '../src/graphql/limits'
import { createApp } from '../src/server/app'
import { closeServer } from '../src/server/shutdown'
import { httpClient } from './helpers/http'
import { pngImage, uploadForm } from './helpers/images'
import { oddGraphqlVariables, ODD_REST_QUERIES } from './helpers/malformedQueries'
import { createUser } from './helpers/payload'
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
      // Each a different read: an answer from the response cache costs the budget nothing, a miss one point.
      const response = await server.request(`/api/devices?limit=1&page=${attempt + 1}`)
      statuses.push(response.status)
      if (response.status === 429) retryAfter = response.headers.get('retry-after')
    }
    expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })
})

/** Another app on the same Payload, without the API budget, for the cases that send many requests. */
const unlimitedApp = async () => {
  const app = createApp({
    payload: server.payload,
    config: Promise.resolve(server.payload.config),
    readiness: { shuttingDown: false },
    production: false,
    apiRateLimitPerMinute: 0,
  })
  const listening = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => listening.once('listening', resolve))
  const baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  const client = httpClient(baseUrl)
  /** A user of `role`, signed in through this app (the main one's budget is spent by the 429 case). */
  const signedIn = async (role: 'admin' | 'hq') => {
    const user = await createUser(server.payload, role)
    return client.login(user.email, user.password)
  }
  return { baseUrl, ...client, signedIn, stop: () => closeServer(listening) }
}

describe('body limits by route', { timeout: 120_000 }, () => {
  const MB = 1024 * 1024

  it('refuses a 2 MB JSON body to a collection, the sign-in route and GraphQL with 413, declared or chunked, and takes a 2 MB upload to media', async () => {
    const api = await unlimitedApp()
    try {
      const json = JSON.stringify({ title: 'x'.repeat(2 * MB) })
      const chunked = () => new Blob([json]).stream()
      for (const path of ['/api/articles', '/api/users/login', '/api/graphql']) {
        const declared = await api.request(path, {
          method: 'POST',
          body: json,
          headers: { 'Content-Type': 'application/json' },
        })
        expect(declared.status).toBe(413)
        const streamed = await api.request(path, {
          method: 'POST',
          body: chunked(),
          headers: { 'Content-Type': 'application/json' },
          duplex: 'half',
        } as RequestInit)
        expect(streamed.status).toBe(413)
      }
      const token = await api.signedIn('hq')
      const photo = Buffer.concat([await pngImage(), Buffer.alloc(2 * MB)])
      const upload = await api.request('/api/media', {
        method: 'POST',
        token,
        body: uploadForm(photo, 'large.png', 'image/png', { alt: 'large' }),
      })
      expect(upload.status).not.toBe(413)
    } finally {
      await api.stop()
    }
  })
})

describe('query strings', { timeout: 180_000 }, () => {
  it('answers odd but well-formed queries without a server error (REST and GraphQL, as the admin)', async () => {
    const api = await unlimitedApp()
    try {
      const token = await api.signedIn('admin')
      const failed: string[] = []
      for (const collection of server.payload.config.collections) {
        const answers = await Promise.all(
          ODD_REST_QUERIES.map(
            async ({ query }) =>
              [query, (await api.request(`/api/${collection.slug}?${query}`, { token })).status] as const,
          ),
        )
        for (const [query, status] of answers)
          if (status >= 500) failed.push(`${status} /api/${collection.slug}?${query}`)
        const { pluralName, singularName } = (collection.graphQL || {}) as {
          pluralName?: string
          singularName?: string
        }
        for (const { label, query, variables } of pluralName && singularName
          ? oddGraphqlVariables(pluralName, singularName)
          : []) {
          const response = await api.request('/api/graphql', { method: 'POST', token, json: { query, variables } })
          if (response.status >= 500) failed.push(`${response.status} ${pluralName}: ${label}`)
        }
      }
      expect(failed).toEqual([])
    } finally {
      await api.stop()
    }
  })

  it("judges the query a POST carries as a form when it asks to be read as a GET (the admin's relationship fields)", async () => {
    const api = await unlimitedApp()
    try {
      const override = (body: string) =>
        api.request('/api/stores', {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Payload-HTTP-Method-Override': 'GET' },
        })
      const malformed = await override('limit=-1')
      expect(malformed.status).toBe(400)
      expect((await malformed.json()).errors[0].data.parameter).toBe('limit')
      const wellFormed = await override('limit=1&where[slug][exists]=true')
      expect(wellFormed.status).toBe(200)
      expect((await wellFormed.json()).limit).toBe(1)
    } finally {
      await api.stop()
    }
  })
})

describe('GraphQL time budget and cost', () => {
  it("runs a storefront page's query within every cap, and takes no batches", async () => {
    const api = await unlimitedApp()
    try {
      const { status, body } = await api.graphql(
        '{ Articles(limit: 10) { docs { title slug author { name } heroImage { url } } totalDocs } Stores(limit: 20) { docs { name city } } }',
      )
      expect(status).toBe(200)
      expect(body.errors).toBeUndefined()
      // No batches: an array of operations is refused whole (graphql-http takes one operation per request).
      const batch = await api.request('/api/graphql', {
        method: 'POST',
        json: [{ query: '{ countStores { totalDocs } }' }, { query: '{ countStores { totalDocs } }' }],
      })
      expect(batch.status).toBe(400)
    } finally {
      await api.stop()
    }
  })

  it('answers 503 with Retry-After once a request runs past its time budget, and when every slot and the queue are taken', async () => {
    const gate = graphqlExecutionGate({ ...DEFAULT_GRAPHQL_LIMITS, timeBudgetMs: 50, maxConcurrent: 1, maxQueued: 0 })
    const app = express()
    let finish: () => void = () => undefined
    const slow = () => new Promise<Response>((resolve) => (finish = () => resolve(Response.json({ data: {} }))))
    app.post('/graphql', async (req, res) => {
      const response = await gate(new Request('http://localhost/graphql', { method: 'POST' }), req, slow)
      res
        .status(response.status)
        .set('Retry-After', response.headers.get('Retry-After') ?? '')
        .send(await response.text())
    })
    const listening = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => listening.once('listening', resolve))
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/graphql`
    try {
      const first = fetch(url, { method: 'POST' })
      await new Promise((resolve) => setTimeout(resolve, 10))
      // The slot is still taken by the first, whose time is up but whose execution has not finished.
      const busy = await fetch(url, { method: 'POST' })
      const late = await first
      expect(late.status).toBe(503)
      expect((await late.json()).errors[0].extensions.code).toBe('TIME_BUDGET_SPENT')
      expect(Number(late.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(busy.status).toBe(503)
      expect((await busy.json()).errors[0].extensions.code).toBe('BUSY')
    } finally {
      finish()
      await closeServer(listening)
    }
  })
})
