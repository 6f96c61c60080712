/**
 * Operators see the CMS from outside: /metrics in Prometheus's text format (request counts and latency per route
 * template, response-cache hits, the job queue, throttled sign-ins, database errors, the process), readable only from
 * allowed addresses or with the token, and a request id sent back on every response and carried by the log lines.
 */
import type { AddressInfo } from 'node:net'
import type { LoggerOptions } from 'pino'

import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { Writable } from 'node:stream'
import { sql } from '@payloadcms/db-sqlite'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestIdOf } from '../../src/lib/requestId'
import { GENEROUS_LOGIN_BUDGETS, startServer, type TestServer } from '../helpers/server'

const METRICS_TOKEN = randomBytes(24).toString('hex')
/** A documentation address (RFC 5737), outside the default loopback allow-list, given as the client behind the proxy. */
const STRANGER = '203.0.113.9'

let server: TestServer

beforeAll(async () => {
  // Behind a trusted proxy, so each request chooses its client address with X-Forwarded-For.
  process.env.TRUST_PROXY = '1'
  process.env.METRICS_TOKEN = METRICS_TOKEN
  server = await startServer({ loginThrottle: { ...GENEROUS_LOGIN_BUDGETS, maxFailuresPerAccount: 2 } })
})
afterAll(async () => {
  await server?.stop()
  delete process.env.TRUST_PROXY
  delete process.env.METRICS_TOKEN
})

type Sample = { name: string; labels: Record<string, string>; value: number }

/** The samples of a scrape, as Prometheus reads the text format (comments skipped). */
const parse = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name = '', labelText = '', value = ''] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? []
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, text]) => [key!, text!]),
      )
      return { name, labels, value: Number(value) }
    })

/** Scrapes /metrics from loopback, as a Prometheus beside the server would. */
const scrape = async (): Promise<Sample[]> => {
  const response = await server.request('/metrics')
  expect(response.status).toBe(200)
  return parse(await response.text())
}

/** The value of one series (0 when absent). */
const valueOf = (samples: Sample[], name: string, labels: Record<string, string>): number =>
  samples.find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, text]) => sample.labels[key] === text),
  )?.value ?? 0

const requestsOf = (samples: Sample[], labels: Record<string, string>) =>
  valueOf(samples, 'http_request_duration_seconds_count', labels)

describe('/metrics counts what the server does', () => {
  it('counts requests by method, route template and status class, never by the raw path', async () => {
    const before = await scrape()
    const [device] = (await server.payload.find({ collection: 'devices', limit: 1, overrideAccess: true })).docs
    const id = device ? String(device.id) : '1'
    await server.request('/api/devices?limit=1&metricsProbe=list')
    await server.request('/api/devices?limit=2&metricsProbe=list')
    await server.request(`/api/devices/${id}`)
    await server.request('/healthz')
    const after = await scrape()
    expect(
      requestsOf(after, { method: 'GET', route: '/api/:collection', status_class: '2xx' }) -
        requestsOf(before, { method: 'GET', route: '/api/:collection', status_class: '2xx' }),
    ).toBe(2)
    const byId = (samples: Sample[]) =>
      samples.filter(
        (sample) =>
          sample.name === 'http_request_duration_seconds_count' && sample.labels.route === '/api/:collection/:id',
      )
    expect(
      byId(after).reduce((sum, sample) => sum + sample.value, 0) -
        byId(before).reduce((sum, sample) => sum + sample.value, 0),
    ).toBe(1)
    expect(requestsOf(after, { method: 'GET', route: '/healthz', status_class: '2xx' })).toBeGreaterThan(
      requestsOf(before, { method: 'GET', route: '/healthz', status_class: '2xx' }),
    )
    expect(after.some((sample) => sample.labels.route?.includes(id) && sample.labels.route !== '/healthz')).toBe(false)
  })

  it('counts an answer from the response cache as a hit, and the read that filled it as a miss', async () => {
    const before = await scrape()
    const path = `/api/campaigns?limit=1&where[title][equals]=${randomBytes(6).toString('hex')}`
    const first = await server.request(path)
    const second = await server.request(path)
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    const after = await scrape()
    expect(
      valueOf(after, 'response_cache_lookups_total', { result: 'hit' }) -
        valueOf(before, 'response_cache_lookups_total', { result: 'hit' }),
    ).toBe(1)
    expect(
      valueOf(after, 'response_cache_lookups_total', { result: 'miss' }) -
        valueOf(before, 'response_cache_lookups_total', { result: 'miss' }),
    ).toBe(1)
    // The hit, answered before Express, is a request of its route like any other.
    expect(
      requestsOf(after, { method: 'GET', route: '/api/:collection', status_class: '2xx' }) -
        requestsOf(before, { method: 'GET', route: '/api/:collection', status_class: '2xx' }),
    ).toBe(2)
  })

  it('counts a sign-in refused over the budget, by check', async () => {
    const before = await scrape()
    const email = `nobody-${randomBytes(4).toString('hex')}@example.com`
    const statuses: number[] = []
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        (await server.request('/api/users/login', { method: 'POST', json: { email, password: 'wrong password' } }))
          .status,
      )
    }
    expect(statuses).toEqual([401, 401, 429])
    const after = await scrape()
    expect(
      valueOf(after, 'signin_throttled_total', { check: 'login' }) -
        valueOf(before, 'signin_throttled_total', { check: 'login' }),
    ).toBe(1)
  })

  it('shows the job queue: a queued job, then the same job failed', async () => {
    const before = await scrape()
    const job = await server.payload.jobs.queue({
      task: 'deliverWebhook',
      queue: 'webhooks',
      input: { url: 'https://frontend.example/hook', deliveryId: randomBytes(8).toString('hex'), body: '{}' },
      waitUntil: new Date(Date.now() + 3_600_000),
    })
    const queued = await scrape()
    expect(
      valueOf(queued, 'payload_jobs', { state: 'queued' }) - valueOf(before, 'payload_jobs', { state: 'queued' }),
    ).toBe(1)
    await server.payload.update({
      collection: 'payload-jobs',
      id: job.id,
      data: { hasError: true },
      overrideAccess: true,
    })
    const failed = await scrape()
    expect(valueOf(failed, 'payload_jobs', { state: 'queued' })).toBe(
      valueOf(before, 'payload_jobs', { state: 'queued' }),
    )
    expect(
      valueOf(failed, 'payload_jobs', { state: 'failed' }) - valueOf(before, 'payload_jobs', { state: 'failed' }),
    ).toBe(1)
  })

  it('counts an error of the database met by an API request', async () => {
    const before = await scrape()
    // An outage of one table: SQLite answers "no such table" to the read, through Payload's REST route.
    const db = server.payload.db as unknown as { drizzle: { run: (query: unknown) => Promise<unknown> } }
    await db.drizzle.run(sql.raw('ALTER TABLE devices RENAME TO devices_away'))
    try {
      expect((await server.request(`/api/devices?limit=1&metricsProbe=${randomBytes(4).toString('hex')}`)).status).toBe(
        500,
      )
    } finally {
      await db.drizzle.run(sql.raw('ALTER TABLE devices_away RENAME TO devices'))
    }
    const after = await scrape()
    expect(
      valueOf(after, 'database_errors_total', { kind: 'other' }) -
        valueOf(before, 'database_errors_total', { kind: 'other' }),
    ).toBe(1)
    expect(
      requestsOf(after, { method: 'GET', route: '/api/:collection', status_class: '5xx' }) -
        requestsOf(before, { method: 'GET', route: '/api/:collection', status_class: '5xx' }),
    ).toBe(1)
  })

  it('keeps the number of route labels bounded whatever paths a scanner tries', async () => {
    const random = () => randomBytes(5).toString('hex')
    const shapes = [
      () => `/${random()}`,
      () => `/${random()}/${random()}.php`,
      () => `/api/${random()}`,
      () => `/api/devices/${random()}/${random()}`,
      () => `/api/devices/${random()}`,
      () => `/api/globals/${random()}`,
      () => `/api/media/file/${random()}.jpg`,
      () => `/admin/${random()}`,
      () => `/api/%E0%A4%A/${random()}`,
      () => `/.env?${random()}`,
    ]
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        server.request(shapes[index % shapes.length]!()).then((response) => response.body?.cancel()),
      ),
    )
    const routes = new Set(
      (await scrape())
        .filter((sample) => sample.name === 'http_request_duration_seconds_count')
        .map((sample) => sample.labels.route),
    )
    expect(
      [...routes].filter(
        (route) =>
          !/^(\/api(\/:collection|\/globals\/:global)?(\/[\w:./-]+)?|\/(healthz|readyz|metrics|admin|_next)|\/preview\/:collection\/:id|\(unmatched\))$/.test(
            route!,
          ),
      ),
    ).toEqual([])
    expect([...routes].some((route) => /[0-9a-f]{10}/.test(route!))).toBe(false)
    expect(routes.size).toBeLessThanOrEqual(12)
  })

  it('includes the process: memory and event loop lag', async () => {
    const samples = await scrape()
    expect(valueOf(samples, 'process_resident_memory_bytes', {})).toBeGreaterThan(0)
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true)
  })
})

describe('/metrics is not for everyone', () => {
  const notFound = async () => (await server.request(`/no-such-page-${randomBytes(4).toString('hex')}`)).text()

  it('answers a client at an address outside the allow-list as an unknown path does (404)', async () => {
    const response = await server.request('/metrics', { headers: { 'X-Forwarded-For': STRANGER } })
    expect(response.status).toBe(404)
    expect(await response.text()).toBe(await notFound())
  })

  it('answers 404 to a wrong token, and the metrics to the right one, from any address', async () => {
    expect(
      (
        await server.request('/metrics', {
          headers: { 'X-Forwarded-For': STRANGER, Authorization: `Bearer ${METRICS_TOKEN}x` },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await server.request('/metrics', {
          headers: { 'X-Forwarded-For': STRANGER, Authorization: `Basic ${METRICS_TOKEN}` },
        })
      ).status,
    ).toBe(404)
    const allowed = await server.request('/metrics', {
      headers: { 'X-Forwarded-For': STRANGER, Authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('content-type')).toContain('text/plain')
    expect(await allowed.text()).toContain('# TYPE http_request_duration_seconds histogram')
  })

  it('is not served at all with METRICS=off', async () => {
    process.env.METRICS = 'off'
    const { createApp } = await import('../../src/server/app')
    const app = createApp({
      payload: server.payload,
      config: Promise.resolve(server.payload.config),
      readiness: { shuttingDown: false },
      production: false,
      apiRateLimitPerMinute: 0,
    })
    delete process.env.METRICS
    const plain = createServer(app).listen(0, '127.0.0.1')
    await new Promise((resolve) => plain.once('listening', resolve))
    try {
      const response = await fetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/metrics`)
      expect(response.status).toBe(404)
    } finally {
      plain.closeAllConnections()
      plain.close()
    }
  })

  it('makes a deployment refuse to start with a METRICS_TOKEN shorter than the session secret', async () => {
    const { deploymentProblems } = await import('../../src/lib/deployment')
    const { parseEnvironment } = await import('../../src/lib/env')
    const deployment = { PAYLOAD_SECRET: 'x'.repeat(32), SERVER_URL: 'https://cms.example.jp', SMTP_URL: 'smtp://mail' }
    expect(deploymentProblems(parseEnvironment({ ...deployment, METRICS_TOKEN: 'short-token' }))).toEqual([
      'METRICS_TOKEN is shorter than 32 characters.',
    ])
    expect(
      deploymentProblems(parseEnvironment({ ...deployment, METRICS_TOKEN: randomBytes(24).toString('base64url') })),
    ).toEqual([])
  })
})

describe('every response carries a request id, and so do the log lines of its request', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

  it('on answers of Payload and on cache hits alike, a new one each time', async () => {
    const path = `/api/stores?limit=1&where[slug][equals]=${randomBytes(6).toString('hex')}`
    const miss = await server.request(path)
    const hit = await server.request(path)
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    expect(miss.headers.get('x-request-id')).toMatch(UUID)
    expect(hit.headers.get('x-request-id')).toMatch(UUID)
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'))
    // A hit sends its stored headers with this request's id, never the id of the request that filled the cache.
    expect(hit.headers.get('x-request-id')?.split(',')).toHaveLength(1)
  })

  it('keeps the id a trusted proxy sent when it is a short safe token, and replaces any other', async () => {
    const path = `/api/prices?limit=1&where[notes][equals]=${randomBytes(6).toString('hex')}`
    const miss = await server.request(path, { headers: { 'X-Request-Id': 'lb-trace-1.a:b' } })
    const hit = await server.request(path, { headers: { 'X-Request-Id': 'lb-trace-2' } })
    expect([miss.headers.get('x-request-id'), hit.headers.get('x-request-id')]).toEqual([
      'lb-trace-1.a:b',
      'lb-trace-2',
    ])
    const unsafe = await server.request('/healthz', { headers: { 'X-Request-Id': 'a b\u00e9"<script>' } })
    expect(unsafe.headers.get('x-request-id')).toMatch(UUID)
    expect(
      (await server.request('/healthz', { headers: { 'X-Request-Id': 'x'.repeat(200) } })).headers.get('x-request-id'),
    ).toMatch(UUID)
  })

  it('replaces a client id when no proxy is trusted', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'chosen-by-client' } }, false)).toMatch(UUID)
    expect(requestIdOf({ headers: { 'x-request-id': 'chosen-by-proxy' } }, true)).toBe('chosen-by-proxy')
  })

  it("writes one JSON access line per request, and Payload's own lines of that request, with the id", async () => {
    const lines: Array<Record<string, unknown>> = []
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)))
        done()
      },
    })
    // The server logs through Payload's logger: the one built from this config's options, at info, into memory.
    const original = server.payload.logger
    const { options } = server.payload.config.logger as { options: LoggerOptions }
    server.payload.logger = pino({ ...options, level: 'info' }, capture)
    try {
      const response = await server.request('/api/articles/999999999')
      expect(response.status).toBe(404)
      const id = response.headers.get('x-request-id')
      await new Promise((resolve) => setTimeout(resolve, 50))
      const ofRequest = lines.filter((line) => line.requestId === id)
      expect(ofRequest.find((line) => line.msg === 'request')).toMatchObject({
        level: 30,
        method: 'GET',
        route: '/api/:collection/:id',
        status: 404,
        requestId: id,
      })
      expect(typeof ofRequest.find((line) => line.msg === 'request')?.durationMs).toBe('number')
      // Payload's NotFound, logged by its route handler while the request ran.
      expect(ofRequest.some((line) => line.msg !== 'request')).toBe(true)
      expect(lines.filter((line) => line.msg === 'request' && line.requestId === id)).toHaveLength(1)
    } finally {
      server.payload.logger = original
    }
  })
})
