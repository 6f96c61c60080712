/**
 * `npm run bench`: startup and seed time, HTTP throughput/latency per endpoint, and process memory, for the
 * real Express app (without Next.js) on a fresh migrated SQLite file. Prints a table and writes the same
 * figures to data/bench-latest.json. Measured here, never asserted in tests.
 */
import autocannon from 'autocannon'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const CONNECTIONS = 10
const DURATION_SECONDS = 10
const RESULTS_FILE = fileURLToPath(new URL('../../data/bench-latest.json', import.meta.url))

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
const memory = () => {
  const { rss, heapUsed } = process.memoryUsage()
  return { rssMB: megabytes(rss), heapUsedMB: megabytes(heapUsed) }
}
const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now()
  const value = await work()
  return { value, ms: Math.round(performance.now() - started) }
}

// The import is inside the timing: loading Payload and the config is part of what a cold start costs.
const { value: server, ms: startupMs } = await timed(async () => {
  const { startServer } = await import('../helpers/server')
  return startServer({ apiRateLimitPerMinute: 0 })
})
const memoryAfterStartup = memory()

try {
  const { seed } = await import('../../seed/seed')
  const { ms: seedMs } = await timed(() => seed(server.payload))

  const { docs: stores } = await server.payload.find({ collection: 'stores', limit: 1, depth: 0, overrideAccess: true })
  if (!stores[0]) throw new Error('The seed created no store')

  const endpoints: { name: string; path: string; method?: 'POST'; body?: string }[] = [
    { name: 'GET repair-logs?depth=1', path: '/api/repair-logs?depth=1' },
    { name: 'GET articles?limit=1', path: '/api/articles?limit=1' },
    { name: 'GET stores/:id', path: `/api/stores/${stores[0].id}` },
    { name: 'POST graphql RepairLogs', path: '/api/graphql', method: 'POST', body: JSON.stringify({ query: '{ RepairLogs { docs { id title device { model } } } }' }) },
    { name: 'GET healthz', path: '/healthz' },
  ]

  const load = []
  for (const endpoint of endpoints) {
    // One request first, so a wrong route or a failing query (GraphQL answers 200 with `errors`) stops the run instead of benchmarking an error page.
    const check = await server.request(endpoint.path, { method: endpoint.method, body: endpoint.body, headers: { 'Content-Type': 'application/json' } })
    const checkBody = await check.json()
    if (!check.ok || checkBody.errors) throw new Error(`${endpoint.name} answered ${check.status}: ${JSON.stringify(checkBody)}`)

    // One worker thread: the load generator gets the second core instead of sharing the server's event loop.
    const result = await autocannon({
      url: `${server.baseUrl}${endpoint.path}`,
      method: endpoint.method ?? 'GET',
      body: endpoint.body,
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      workers: 1,
    })
    load.push({
      endpoint: endpoint.name,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    })
  }
  const memoryAfterLoad = memory()

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    settings: { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS },
    startupMs,
    seedMs,
    memoryAfterStartup,
    memoryAfterLoad,
    load,
  }
  console.log(`startServer: ${startupMs} ms   seed: ${seedMs} ms`)
  console.table(load)
  console.table({ afterStartup: memoryAfterStartup, afterLoad: memoryAfterLoad })
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`)
} finally {
  await server.stop()
}
