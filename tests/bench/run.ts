/**
 * `npm run bench`: how fast frontends read content, beside the ceiling of this machine. For each read, wrk measures
 * req/s and p99 of the CMS (an API-only server, `npm run serve:api`, in a process of its own pinned to one core, wrk on
 * the other) and of a plain node:http server sending the very same bytes (same status, headers and body, captured
 * from the CMS): cache hits, conditional GETs (304), cache misses (a second server with RESPONSE_CACHE=off: every read
 * runs Payload in full, as the first read after a write does, without mixing the cost of the write into the figure),
 * GraphQL lists by POST and GET; on a database with 100 and with 10,000 published articles (short bodies), and the
 * article list with 10,000 articles as long as the 7pay one. Then the time to ready and resident memory of the API-only
 * and the full server (the existing .next build, never rebuilt here). Prints markdown tables beside the targets and
 * writes the same figures to data/bench-latest.json. Measured, never asserted in tests.
 *
 * BENCH_SETS: the data sets to run (default `100,10000,10000-7pay`; the 10,000-article ones take most of the time).
 * BENCH_BEFORE: figures of an earlier run to compare misses with (default docs/bench-before.json).
 * BENCH_SERVER_ENTRY: another API-only entry to measure (the "before" figures measured older code through one).
 * BENCH_FULL_SERVER=off: skip the full server (Next.js) measurement.
 * BENCH_ONLY=load: only the mixed load (three runs of readers and writers, tests/bench/load.ts); BENCH_ONLY=reads: all
 * but it. BENCH_LOAD_SECONDS and BENCH_LOAD_READERS shorten or shrink its runs (default 60 s, 50 readers).
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import { type Instance, startInstance } from '../helpers/instance'
import { type LoadReport, loadTables, runLoadBench } from './load'
import { type Load, runWrk, SERVER_CPU, WRK_SETTINGS, type WrkResult, wrkIsInstalled } from './wrk'

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RESULTS_FILE = path.join(PROJECT_ROOT, 'data/bench-latest.json')
const BEFORE_FILE = process.env.BENCH_BEFORE ?? path.join(PROJECT_ROOT, 'docs/bench-before.json')

const TARGETS = {
  hitShareOfCeiling: 0.5,
  notModifiedShareOfCeiling: 0.6,
  missTimesBefore: 3,
  largeSlowdownAtMost: 1.5,
  apiOnlyRssMB: 250,
}

const ARTICLE_LIST_QUERY =
  '{ Articles(limit: 10, sort: "-publishedAt") { totalDocs docs { id title slug publishedAt excerpt store { name slug } } } }'

type Read = { name: string; load: Load }
const READS = {
  repairLogs: { name: 'REST repair-logs?depth=1&limit=10', load: { path: '/api/repair-logs?depth=1&limit=10' } },
  articles: {
    name: 'REST articles?limit=10&sort=-publishedAt',
    load: { path: '/api/articles?limit=10&sort=-publishedAt' },
  },
  graphqlPost: {
    name: 'GraphQL Articles list (POST)',
    load: { method: 'POST', path: '/api/graphql', body: JSON.stringify({ query: ARTICLE_LIST_QUERY }) },
  },
  graphqlGet: {
    name: 'GraphQL Articles list (GET)',
    load: { path: `/api/graphql?query=${encodeURIComponent(ARTICLE_LIST_QUERY)}` },
  },
} satisfies Record<string, Read>

type Kind = 'hit' | '304' | 'miss'
type DataSet = {
  id: string
  name: string
  articles: number
  body: 'short' | '7pay'
  rows: { kind: Kind; read: Read }[]
}

const fullRows = (): DataSet['rows'] => [
  ...[READS.repairLogs, READS.articles, READS.graphqlPost, READS.graphqlGet].map((read) => ({
    kind: 'hit' as const,
    read,
  })),
  ...[READS.repairLogs, READS.articles].map((read) => ({ kind: '304' as const, read })),
  ...[READS.repairLogs, READS.articles, READS.graphqlPost].map((read) => ({ kind: 'miss' as const, read })),
]
const DATA_SETS: DataSet[] = [
  { id: '100', name: '100 articles', articles: 100, body: 'short', rows: fullRows() },
  { id: '10000', name: '10,000 articles', articles: 10_000, body: 'short', rows: fullRows() },
  {
    id: '10000-7pay',
    name: '10,000 articles, 7pay-length bodies',
    articles: 10_000,
    body: '7pay',
    rows: [
      { kind: 'hit', read: READS.articles },
      { kind: 'miss', read: READS.articles },
    ],
  },
]

type Row = {
  set: string
  kind: Kind
  read: string
  cms?: WrkResult
  ceiling?: WrkResult
  /** CMS req/s over ceiling req/s. */
  ratio?: number
  /** Why the row has no figures (the server answered something else than the read expects). */
  skipped?: string
}
type Startup = { server: string; readyMs: number; rssMB: number }

const secret = randomBytes(32).toString('hex')
const serverEntry = process.env.BENCH_SERVER_ENTRY ?? 'src/main.ts'
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)

type Captured = { status: number; headers: Record<string, string>; body: Buffer }

/** One request as wrk sends it (no Accept-Encoding, no cookie): the bytes the ceiling will send. */
const capture = (baseUrl: string, load: Load): Promise<Captured> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(
      `${baseUrl}${load.path}`,
      {
        method: load.method ?? 'GET',
        agent: false,
        headers: { ...(load.body ? { 'Content-Type': 'application/json' } : {}), ...load.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const headers: Record<string, string> = {}
          for (let index = 0; index < response.rawHeaders.length; index += 2) {
            const name = response.rawHeaders[index] as string
            // Made per connection or per moment by the server that sends them: the ceiling's own node:http adds them.
            if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name.toLowerCase()))
              headers[name] = response.rawHeaders[index + 1] as string
          }
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
        })
      },
    )
    request.on('error', reject)
    request.end(load.body)
  })

/** What makes a captured answer not the read the row measures, or undefined when it is. */
const problemWith = (answer: Captured, expectedStatus: number): string | undefined => {
  if (answer.status !== expectedStatus) return `answered ${answer.status}`
  if (expectedStatus === 200 && /"errors"\s*:/.test(answer.body.toString('utf8', 0, 2000)))
    return 'answered GraphQL errors'
  return undefined
}

/** Measures the ceiling of a captured answer once: hits and misses of one read send the same bytes. */
const ceilings = new Map<string, WrkResult>()
const ceilingOf = async (answer: Captured, load: Load): Promise<WrkResult> => {
  const key = createHash('sha1')
    .update(`${answer.status}\n${Object.keys(answer.headers).sort().join(',')}\n`)
    .update(answer.body)
    .digest('hex')
  const known = ceilings.get(key)
  if (known) return known
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-ceiling-'))
  const file = path.join(dir, 'answer.json')
  writeFileSync(
    file,
    JSON.stringify({ status: answer.status, headers: answer.headers, bodyBase64: answer.body.toString('base64') }),
  )
  const child = spawn(
    'taskset',
    ['-c', SERVER_CPU, process.execPath, '--import', 'tsx', path.join(PROJECT_ROOT, 'tests/bench/ceiling.ts'), file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ceiling server exited with ${code}`)))
      createInterface({ input: child.stdout }).on('line', (line) => {
        const [, listening] = /^listening (\d+)$/.exec(line) ?? []
        if (listening) resolve(listening)
      })
    })
    const result = runWrk(`http://127.0.0.1:${port}`, load)
    ceilings.set(key, result)
    return result
  } finally {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One row: the read captured from the CMS (checked), wrk on the CMS, wrk on its ceiling. */
const measureRow = async (set: DataSet, server: Instance, kind: Kind, read: Read): Promise<Row> => {
  const row: Row = { set: set.name, kind, read: read.name }
  // The first answer of a read fills the cache; the second is what a hit (or, with the cache off, a miss) sends.
  await capture(server.baseUrl, read.load)
  const answer = await capture(server.baseUrl, read.load)
  const problem = problemWith(answer, 200)
  if (problem) return { ...row, skipped: problem }
  let load = read.load
  let measured = answer
  if (kind === '304') {
    const etag = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'etag')?.[1]
    if (!etag) return { ...row, skipped: 'no ETag' }
    load = { ...read.load, headers: { ...read.load.headers, 'If-None-Match': etag } }
    measured = await capture(server.baseUrl, load)
    const notModified = problemWith(measured, 304)
    if (notModified) return { ...row, skipped: notModified }
  }
  log(`${set.name}: ${kind} ${read.name}`)
  const cms = runWrk(server.baseUrl, load)
  const ceiling = await ceilingOf(measured, load)
  return { ...row, cms, ceiling, ratio: cms.requestsPerSecond / ceiling.requestsPerSecond }
}

const serverEnv = (extra: Record<string, string> = {}) => ({ PAYLOAD_SECRET: secret, ...extra })

const prepareDataSet = (set: DataSet, dataDir: string, env: Record<string, string> = {}) => {
  const started = Date.now()
  const result = spawnSync(
    process.execPath,
    ['--conditions=production', '--import', 'tsx', 'tests/bench/prepareData.ts', String(set.articles), set.body],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URI: '', PAYLOAD_SECRET: secret, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  if (result.status !== 0) throw new Error(`preparing "${set.name}" failed (${result.status})`)
  return Date.now() - started
}

const runDataSet = async (set: DataSet): Promise<{ rows: Row[]; prepareMs: number }> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), `bench-${set.id}-`))
  try {
    log(`${set.name}: preparing the database`)
    const prepareMs = prepareDataSet(set, dataDir)
    const rows: Row[] = []
    for (const cache of ['on', 'off'] as const) {
      const kinds: Kind[] = cache === 'on' ? ['hit', '304'] : ['miss']
      const wanted = set.rows.filter((row) => kinds.includes(row.kind))
      if (wanted.length === 0) continue
      const server = await startInstance({
        dataDir,
        entry: serverEntry,
        cpu: SERVER_CPU,
        env: serverEnv({ RESPONSE_CACHE: cache }),
      })
      try {
        for (const { kind, read } of wanted) rows.push(await measureRow(set, server, kind, read))
      } finally {
        await server.stop()
      }
    }
    return { rows, prepareMs }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Reads that bring a fresh server to its working size: every bench read a few hundred times, and the admin's login page. */
const warmUp = async (server: Instance, withAdmin: boolean) => {
  for (const read of Object.values(READS)) {
    for (let round = 0; round < 200; round += 1) await capture(server.baseUrl, read.load)
  }
  if (withAdmin) for (let round = 0; round < 5; round += 1) await capture(server.baseUrl, { path: '/admin/login' })
}

const measureStartup = async (): Promise<Startup[]> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-startup-'))
  try {
    prepareDataSet(DATA_SETS[0] as DataSet, dataDir)
    const servers = [
      { server: `API only (${serverEntry === 'src/main.ts' ? 'npm run serve:api' : serverEntry})`, apiOnly: true },
    ]
    if (process.env.BENCH_FULL_SERVER !== 'off')
      servers.push({ server: 'full, with the admin (npm start)', apiOnly: false })
    const startups: Startup[] = []
    for (const { server: name, apiOnly } of servers) {
      log(`time to ready and memory: ${name}`)
      // The full server serves the existing build: the bench never runs `next build`.
      const server = await startInstance({
        dataDir,
        apiOnly,
        entry: serverEntry,
        cpu: SERVER_CPU,
        env: serverEnv({ NEXT_BUILD_CHECK: 'off' }),
      })
      try {
        await warmUp(server, !apiOnly)
        startups.push({ server: name, readyMs: server.readyMs, rssMB: server.rssMB() })
      } finally {
        await server.stop()
      }
    }
    return startups
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

type Before = { sets?: { rows: Row[] }[] }
const before: Before | undefined = existsSync(BEFORE_FILE) ? JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) : undefined
/**
 * The figure before of a read: the code before had no response cache, so its hit and miss rows are the same uncached
 * read measured twice; the better of the two counts (the harder target).
 */
const beforeMiss = (row: Row): WrkResult | undefined =>
  before?.sets
    ?.flatMap((set) => set.rows)
    .filter((old) => old.set === row.set && old.read === row.read && old.kind !== '304' && old.cms)
    .map((old) => old.cms as WrkResult)
    .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`
const mark = (met: boolean) => (met ? '✓' : '✗')

const target = (row: Row): string => {
  if (row.ratio === undefined || !row.cms) return ''
  if (row.kind === 'hit') return `≥ 50 % ${mark(row.ratio >= TARGETS.hitShareOfCeiling)}`
  if (row.kind === '304') return `≥ 60 % ${mark(row.ratio >= TARGETS.notModifiedShareOfCeiling)}`
  const old = beforeMiss(row)
  if (!old) return '≥ 3× before (no before figure)'
  const times = row.cms.requestsPerSecond / old.requestsPerSecond
  return `${times.toFixed(1)}× before (${old.requestsPerSecond} req/s), ≥ 3× ${mark(times >= TARGETS.missTimesBefore)}`
}

const resultsTable = (rows: Row[]) => [
  '| data set | read | kind | CMS req/s | CMS p99 | ceiling req/s | ceiling p99 | CMS / ceiling | target |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((row) =>
    row.cms && row.ceiling
      ? `| ${row.set} | ${row.read} | ${row.kind} | ${row.cms.requestsPerSecond} | ${row.cms.p99Ms} ms | ${row.ceiling.requestsPerSecond} | ${row.ceiling.p99Ms} ms | ${percent(row.ratio ?? 0)} | ${target(row)} |${row.cms.non2xx3xx + row.cms.socketErrors > 0 ? ` (${row.cms.non2xx3xx} non-2xx/3xx, ${row.cms.socketErrors} socket errors)` : ''}`
      : `| ${row.set} | ${row.read} | ${row.kind} | n/a: ${row.skipped} | | | | | |`,
  ),
]

/** Each read at 10,000 short articles beside 100: the figures must stay within 1.5× of each other. */
const scaleTable = (rows: Row[]) => {
  const small = rows.filter((row) => row.set === '100 articles' && row.cms)
  const lines = small.flatMap((row) => {
    const large = rows.find(
      (other) => other.set === '10,000 articles' && other.kind === row.kind && other.read === row.read && other.cms,
    )
    if (!large?.cms || !row.cms) return []
    const slowdown = row.cms.requestsPerSecond / large.cms.requestsPerSecond
    return [
      `| ${row.read} | ${row.kind} | ${row.cms.requestsPerSecond} | ${large.cms.requestsPerSecond} | ${slowdown.toFixed(2)}× ${mark(slowdown <= TARGETS.largeSlowdownAtMost)} |`,
    ]
  })
  if (lines.length === 0) return []
  return [
    '| read | kind | req/s at 100 | req/s at 10,000 | 100 / 10,000 (≤ 1.5×) |',
    '| --- | --- | ---: | ---: | --- |',
    ...lines,
  ]
}

const startupTable = (startups: Startup[]) => [
  '| server | time to ready | resident memory after warm-up | target |',
  '| --- | ---: | ---: | --- |',
  ...startups.map(
    (startup) =>
      `| ${startup.server} | ${(startup.readyMs / 1000).toFixed(1)} s | ${startup.rssMB} MB | ${startup.server.startsWith('API only') ? `≤ 250 MB ${mark(startup.rssMB <= TARGETS.apiOnlyRssMB)}` : ''} |`,
  ),
]

const main = async () => {
  const only = process.env.BENCH_ONLY
  if (only !== 'load' && !wrkIsInstalled()) {
    console.error('wrk is not installed: the bench measures with it (Debian: apt-get install -y wrk).')
    process.exit(2)
  }
  const started = Date.now()
  const loadBefore = loadavg()[0] as number
  const chosen = (process.env.BENCH_SETS ?? DATA_SETS.map((set) => set.id).join(',')).split(',')
  const sets: { name: string; prepareMs: number; rows: Row[] }[] = []
  if (only !== 'load')
    for (const set of DATA_SETS.filter((candidate) => chosen.includes(candidate.id)))
      sets.push({ name: set.name, ...(await runDataSet(set)) })
  const startup = only === 'load' ? [] : await measureStartup()
  const mixedLoad: LoadReport | undefined =
    only === 'reads'
      ? undefined
      : await runLoadBench({
          prepare: (dataDir, env) => prepareDataSet(DATA_SETS[0] as DataSet, dataDir, env),
          env: serverEnv(),
          log,
        })

  const rows = sets.flatMap((set) => set.rows)
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    /** The machine's 1-minute load average at the start and the end: other work running beside the bench. */
    loadAverage: { atStart: loadBefore, atEnd: loadavg()[0] as number },
    load: { tool: 'wrk', ...WRK_SETTINGS, serverCpu: SERVER_CPU, missesMeasuredWith: 'RESPONSE_CACHE=off' },
    serverEntry,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    sets,
    startup,
    mixedLoad,
  }
  const markdown = [
    `Bench of ${report.date} (${report.cpus} CPUs, load average ${report.loadAverage.atStart.toFixed(1)} at the start and ${report.loadAverage.atEnd.toFixed(1)} at the end, Node ${report.node}${rows.length > 0 ? `; wrk -t${WRK_SETTINGS.threads} -c${WRK_SETTINGS.connections} -d${WRK_SETTINGS.durationSeconds}s, server and ceiling pinned to CPU ${SERVER_CPU}, wrk to the other; misses measured on a second server with RESPONSE_CACHE=off` : ''})`,
    '',
    ...(rows.length > 0 ? [...resultsTable(rows), '', ...scaleTable(rows), ''] : []),
    ...(startup.length > 0 ? [...startupTable(startup), ''] : []),
    ...(mixedLoad ? [...loadTables(mixedLoad), ''] : []),
    `Whole run: ${Math.round(report.durationSeconds / 60)} min${sets.length > 0 ? ` (${sets.map((set) => `${set.name} prepared in ${Math.round(set.prepareMs / 1000)} s`).join('; ')})` : ''}.`,
  ]
  console.log(markdown.join('\n'))
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
