import type { Payload, Where } from 'payload'

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { environment } from './env'

/**
 * What /metrics tells operators, in Prometheus's text format (prom-client). One registry for the process: the
 * server's listener, Payload's hooks and the scrape all meet here. Labels take only values the code fixes (route
 * templates, methods, status classes, kinds), never a raw path or an address, so no client can add series.
 */
export const metricsRegistry = new Registry()

/** METRICS=off: no /metrics route, nothing observed. */
export const metricsEnabled = (): boolean => environment().METRICS

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from a request arriving to its response ending, by method, route template and status class; _count counts requests',
  labelNames: ['method', 'route', 'status_class'] as const,
  // Cache hits take well under a millisecond, Payload's reads tens of milliseconds, uploads seconds.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
})

/** One answered request. */
export const observeRequest = (method: string | undefined, route: string, status: number, seconds: number): void => {
  requestDuration.observe(
    { method: method && METHODS.has(method) ? method : 'OTHER', route, status_class: `${Math.floor(status / 100)}xx` },
    seconds,
  )
}

const signInRefusals = new Counter({
  name: 'signin_throttled_total',
  help: 'Checks of a secret refused over the sign-in budget (429), by check: login, forgot-password, reset-password, current-password, second-factor',
  labelNames: ['check'] as const,
  registers: [metricsRegistry],
})

export const countSignInRefusal = (check: string): void => signInRefusals.inc({ check })

const databaseErrors = new Counter({
  name: 'database_errors_total',
  help: 'API requests that met an error of the database, by kind: a constraint (unique, foreignKey, notNull, check) or other',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
})

export const countDatabaseError = (kind: string): void => databaseErrors.inc({ kind })

/** What the scrape reads from the running server: its response cache and its Payload (the job queue). */
/** The figures the scrape reads of the response cache (src/delivery/responseCache.ts keeps them). */
type CacheFigures = { lookups(): { hits: number; misses: number }; size(): { bytes: number } }
type Sources = { cache?: CacheFigures; payload?: Payload }
const sources: Sources = {}

new Counter({
  name: 'response_cache_lookups_total',
  help: 'Anonymous reads looked up in the response cache, by result: hit (answered from memory) or miss (asked of Payload)',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
  collect() {
    // The cache counts its own lookups (src/delivery/responseCache.ts); the counter shows its totals.
    const lookups = sources.cache?.lookups()
    this.reset()
    if (!lookups) return
    this.inc({ result: 'hit' }, lookups.hits)
    this.inc({ result: 'miss' }, lookups.misses)
  },
})

new Gauge({
  name: 'response_cache_bytes',
  help: 'Memory the response cache holds: bodies and their compressed forms (RESPONSE_CACHE_MAX_MB bounds it)',
  registers: [metricsRegistry],
  collect() {
    this.set(sources.cache?.size().bytes ?? 0)
  },
})

/** Jobs by state, as Payload's job collection holds them: finished jobs are deleted, failed ones kept. */
const JOB_STATES: Record<string, Where> = {
  queued: {
    and: [{ completedAt: { exists: false } }, { hasError: { not_equals: true } }, { processing: { not_equals: true } }],
  },
  processing: { processing: { equals: true } },
  failed: { hasError: { equals: true } },
}

new Gauge({
  name: 'payload_jobs',
  help: 'Jobs in the queue (scheduled publishing, webhook deliveries) by state: queued (waiting or due), processing, failed (stopped with an error)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    const { payload } = sources
    this.reset()
    if (!payload) return
    // Counted through the Local API at scrape time, so every database adapter answers the same question.
    try {
      const counts = await Promise.all(
        Object.entries(JOB_STATES).map(
          async ([state, where]) =>
            [
              state,
              (await payload.count({ collection: 'payload-jobs', where, overrideAccess: true })).totalDocs,
            ] as const,
        ),
      )
      for (const [state, count] of counts) this.set({ state }, count)
    } catch (error) {
      // The rest of the scrape still answers; the missing series and database_errors_total tell what happened.
      countDatabaseError('other')
      payload.logger.warn({ err: error, msg: 'Metrics: the job queue could not be counted' })
    }
  },
})

let processMetrics = false

/** Starts what the scrape reads: this server's cache and Payload, and Node's own metrics (memory, event loop lag, ...). */
export const collectMetricsOf = (payload: Payload, cache: CacheFigures | undefined): void => {
  sources.payload = payload
  sources.cache = cache
  if (processMetrics) return
  processMetrics = true
  collectDefaultMetrics({ register: metricsRegistry })
}
