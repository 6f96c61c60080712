import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'undici'

import { httpClient } from '../helpers/http'
import { freePort, type Instance, startInstance } from '../helpers/instance'
import { type LoadAccount, type LoadOptions, type LoadResult, unreadableWrites } from './loadScenario'
import { SERVER_CPU, WRK_CPU } from './wrk'

/**
 * The mixed load of `npm run bench` (BENCH_ONLY=load runs it alone): one API-only server process as `npm run
 * serve:api` runs it (the admin's Next.js is not in the mix: /api is the same Express app and Payload in both), on
 * the 100-article data set, pinned to one core; three consecutive runs of 50 anonymous readers and 5 writers (staff
 * and managers of two stores, HQ) for 60 s each, the generator (tests/bench/loadGenerator.ts) in a process of its
 * own on the other core. The server's resident memory is sampled every second; after each run the server settles
 * (idle, then a full garbage collection forced through the inspector, which the server is started with on loopback)
 * and its memory is read again. At the end every write acknowledged in the three runs is read back.
 */

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))

export const LOAD_SETTINGS = {
  runs: 3,
  readers: Number(process.env.BENCH_LOAD_READERS ?? 50),
  durationSeconds: Number(process.env.BENCH_LOAD_SECONDS ?? 60),
  readerThinkMs: [50, 250] as [number, number],
  writerThinkMs: [200, 800] as [number, number],
  actionsPerSession: 8,
  uploadShare: 0.05,
}

/**
 * The run's server settings beside the defaults: every request comes from 127.0.0.1, so the per-address API rate
 * limit (a real frontend reads with an API key, which costs nothing) and the per-address budget of sign-ins (50 in
 * 15 minutes; the writers sign in ~200 times over three runs) would answer 429 to the load itself.
 */
export const LOAD_SERVER_ENV = { API_RATE_LIMIT_PER_MINUTE: '0', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000000' }

/** The seeded demo accounts of both stores and HQ, with the passwords the server is seeded with. */
export const loadAccounts = (): { accounts: LoadAccount[]; seedEnv: Record<string, string> } => {
  const passwords = {
    staff: randomBytes(18).toString('base64url'),
    manager: randomBytes(18).toString('base64url'),
    hq: randomBytes(18).toString('base64url'),
  }
  const accounts: LoadAccount[] = [
    { email: 'staff.saga@example.com', password: passwords.staff, role: 'staff' },
    { email: 'manager.saga@example.com', password: passwords.manager, role: 'manager' },
    { email: 'staff.demo@example.com', password: passwords.staff, role: 'staff' },
    { email: 'manager.demo@example.com', password: passwords.manager, role: 'manager' },
    { email: 'hq.saga@example.com', password: passwords.hq, role: 'hq' },
  ]
  return {
    accounts,
    seedEnv: {
      SEED_STAFF_PASSWORD: passwords.staff,
      SEED_MANAGER_PASSWORD: passwords.manager,
      SEED_HQ_PASSWORD: passwords.hq,
    },
  }
}

/** One run of the scenario in a generator process pinned to the core the server does not use. */
const generate = async (options: LoadOptions): Promise<LoadResult> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-load-'))
  try {
    const [optionsFile, resultFile] = [path.join(dir, 'options.json'), path.join(dir, 'result.json')]
    writeFileSync(optionsFile, JSON.stringify(options))
    const child = spawn(
      'taskset',
      [
        '-c',
        WRK_CPU,
        process.execPath,
        '--conditions=production',
        '--import',
        'tsx',
        'tests/bench/loadGenerator.ts',
        optionsFile,
        resultFile,
      ],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    if (code !== 0) throw new Error(`the load generator exited with ${code}`)
    return JSON.parse(readFileSync(resultFile, 'utf8')) as LoadResult
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A full garbage collection in the server, through its inspector (Chrome DevTools Protocol); answers the heap used then, in MB. */
const collectGarbage = async (inspectorPort: number): Promise<number> => {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string
  }[]
  const socket = new WebSocket(target!.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', reject, { once: true })
  })
  const pending = new Map<number, (result: any) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data))
    pending.get(message.id)?.(message.result)
  })
  const send = (id: number, method: string, params: object = {}) =>
    new Promise<any>((resolve) => {
      pending.set(id, resolve)
      socket.send(JSON.stringify({ id, method, params }))
    })
  try {
    await send(1, 'HeapProfiler.collectGarbage')
    const { result } = await send(2, 'Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    })
    return Math.round(Number(result.value) / 104_857.6) / 10
  } finally {
    socket.close()
  }
}

export type LoadRun = {
  run: number
  result: Omit<LoadResult, 'acknowledged' | 'writers'> & { acknowledged: number }
  /** Server RSS (MB): highest sampled during the run, at its end, and after the settle (idle 5 s, full GC, 2 s). */
  rssMaxMB: number
  rssAtEndMB: number
  rssSettledMB: number
  heapUsedSettledMB: number
}
export type LoadReport = {
  settings: typeof LOAD_SETTINGS & {
    writers: string[]
    serverEnv: Record<string, string>
    serverCpu: string
    generatorCpu: string
    server: string
  }
  /** RSS and heap after the server started and settled, before the first run. */
  startRssMB: number
  startHeapUsedMB: number
  runs: LoadRun[]
  /** Writes acknowledged over all runs, and those that could not be read back as written. */
  acknowledgedWrites: number
  unreadable: string[]
}

const settle = async (server: Instance, inspectorPort: number) => {
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  const heapUsedMB = await collectGarbage(inspectorPort)
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  return { rssMB: server.rssMB(), heapUsedMB }
}

export const runLoadBench = async ({
  prepare,
  env,
  log,
}: {
  prepare: (dataDir: string, seedEnv: Record<string, string>) => void
  env: Record<string, string>
  log: (message: string) => void
}): Promise<LoadReport> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-load-data-'))
  const { accounts, seedEnv } = loadAccounts()
  const inspectorPort = await freePort()
  try {
    log('mixed load: preparing the database')
    // The data set is seeded with the load accounts' passwords.
    prepare(dataDir, seedEnv)
    const server = await startInstance({
      dataDir,
      cpu: SERVER_CPU,
      env: {
        ...env,
        ...seedEnv,
        ...LOAD_SERVER_ENV,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectorPort}`.trim(),
      },
    })
    try {
      const start = await settle(server, inspectorPort)
      const runs: LoadRun[] = []
      const acknowledged: LoadResult['acknowledged'] = []
      let writers = accounts
      for (let run = 1; run <= LOAD_SETTINGS.runs; run += 1) {
        log(
          `mixed load: run ${run} of ${LOAD_SETTINGS.runs} (${LOAD_SETTINGS.readers} readers, ${writers.length} writers, ${LOAD_SETTINGS.durationSeconds} s)`,
        )
        let rssMaxMB = server.rssMB()
        const sampler = setInterval(() => (rssMaxMB = Math.max(rssMaxMB, server.rssMB())), 1_000)
        const result = await generate({
          baseUrl: server.baseUrl,
          readers: LOAD_SETTINGS.readers,
          writers,
          durationMs: LOAD_SETTINGS.durationSeconds * 1000,
          readerThinkMs: LOAD_SETTINGS.readerThinkMs,
          writerThinkMs: LOAD_SETTINGS.writerThinkMs,
          actionsPerSession: LOAD_SETTINGS.actionsPerSession,
          uploadShare: LOAD_SETTINGS.uploadShare,
        }).finally(() => clearInterval(sampler))
        const rssAtEndMB = server.rssMB()
        const settled = await settle(server, inspectorPort)
        writers = result.writers
        acknowledged.push(...result.acknowledged)
        const { acknowledged: writes, writers: _accounts, ...figures } = result
        runs.push({
          run,
          result: { ...figures, acknowledged: writes.length },
          rssMaxMB,
          rssAtEndMB,
          rssSettledMB: settled.rssMB,
          heapUsedSettledMB: settled.heapUsedMB,
        })
        log(
          `mixed load: run ${run}: ${figures.requests} requests, ${figures.errors} errors, ${figures.serverErrors} 5xx, RSS ${rssAtEndMB} MB at the end, ${settled.rssMB} MB settled${figures.errorSamples.length > 0 ? `; first: ${figures.errorSamples[0]}` : ''}`,
        )
      }
      log(`mixed load: reading back ${acknowledged.length} acknowledged writes`)
      const tokens: Record<string, string> = {}
      for (const account of accounts.filter((candidate) => candidate.role !== 'hq'))
        tokens[account.email] = await httpClient(server.baseUrl).login(account.email, account.password)
      const unreadable = await unreadableWrites(server.baseUrl, acknowledged, tokens)
      return {
        settings: {
          ...LOAD_SETTINGS,
          writers: accounts.map((account) => `${account.email} (${account.role})`),
          serverEnv: LOAD_SERVER_ENV,
          serverCpu: SERVER_CPU,
          generatorCpu: WRK_CPU,
          server: 'API only (npm run serve:api), 100 published articles',
        },
        startRssMB: start.rssMB,
        startHeapUsedMB: start.heapUsedMB,
        runs,
        acknowledgedWrites: acknowledged.length,
        unreadable,
      }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The report as markdown: per route and run, then memory over the runs. */
export const loadTables = (report: LoadReport): string[] => {
  const { settings } = report
  const routes = [...new Set(report.runs.flatMap((run) => run.result.routes.map((route) => route.route)))].sort()
  const figure = (run: LoadRun, name: string) => {
    const route = run.result.routes.find((candidate) => candidate.route === name)
    if (!route) return '| | | | |'
    const statuses = Object.entries(route.statuses)
      .map(([status, count]) => `${count}×${status}`)
      .join(' ')
    return `| ${route.count} | ${route.p50Ms} / ${route.p99Ms} / ${route.maxMs} ms | ${route.errors} | ${statuses} |`
  }
  return [
    `Mixed load: ${settings.server}; ${settings.runs} runs of ${settings.readers} anonymous readers and ${settings.writers.length} writers (${settings.writers.join(', ')}) for ${settings.durationSeconds} s each, readers pausing ${settings.readerThinkMs.join('–')} ms between reads and writers ${settings.writerThinkMs.join('–')} ms between actions, store writers signing out every ${settings.actionsPerSession} actions; server pinned to CPU ${settings.serverCpu}, generator (undici) to CPU ${settings.generatorCpu}; server settings beside the defaults: ${Object.entries(
      settings.serverEnv,
    )
      .map(([name, value]) => `${name}=${value}`)
      .join(', ')}.`,
    '',
    ...report.runs.flatMap((run) => [
      `Run ${run.run}: ${run.result.requests} requests in ${(run.result.durationMs / 1000).toFixed(1)} s (${Math.round(run.result.requests / (run.result.durationMs / 1000))} req/s), ${run.result.errors} errors, ${run.result.serverErrors} 5xx, ${run.result.acknowledged} writes acknowledged, generator event loop delayed ${run.result.generatorLagMaxMs} ms at most.${run.result.errorSamples.length > 0 ? ` First errors: ${run.result.errorSamples.join('; ')}` : ''}`,
      '',
      '| route | requests | p50 / p99 / max | errors | statuses |',
      '| --- | ---: | ---: | ---: | --- |',
      ...routes.map((name) => `| ${name} ${figure(run, name)}`),
      '',
    ]),
    '| server memory | RSS highest during the run | RSS at the end | RSS settled (5 s idle, full GC) | heap used settled |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| after start | | | ${report.startRssMB} MB | ${report.startHeapUsedMB} MB |`,
    ...report.runs.map(
      (run) =>
        `| after run ${run.run} | ${run.rssMaxMB} MB | ${run.rssAtEndMB} MB | ${run.rssSettledMB} MB | ${run.heapUsedSettledMB} MB |`,
    ),
    '',
    `Read back after the runs: ${report.acknowledgedWrites} acknowledged writes, ${report.unreadable.length} not as written${report.unreadable.length > 0 ? `: ${report.unreadable.slice(0, 5).join('; ')}` : ''}.`,
  ]
}
