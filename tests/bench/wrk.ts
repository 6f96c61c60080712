import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** wrk with one thread and ten connections, for ten seconds: the same load for the CMS and for its ceiling. */
export const WRK_SETTINGS = { threads: 1, connections: 10, durationSeconds: 10 }
const WARM_UP_SECONDS = 2

/** The core wrk runs on; servers get the other one (bench servers are started with the CPU named here). */
export const WRK_CPU = '1'
export const SERVER_CPU = '0'

export type Load = { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }
export type WrkResult = { requestsPerSecond: number; p99Ms: number; non2xx3xx: number; socketErrors: number }

/** Whether wrk is installed; the bench stops at once when it is not. */
export const wrkIsInstalled = (): boolean => !spawnSync('wrk', ['-v']).error

const milliseconds = (value: string): number => {
  const [, amount, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(value) ?? []
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit as 'us' | 'ms' | 's' | 'm']
  if (amount === undefined || factor === undefined)
    throw new Error(`wrk printed a latency it cannot be read from: ${value}`)
  return Math.round(Number(amount) * factor * 100) / 100
}

/** A short run first (JIT, caches, connection setup), then the measured one; wrk pinned to its own core. */
export const runWrk = (baseUrl: string, load: Load): WrkResult => {
  const scriptDir = mkdtempSync(path.join(tmpdir(), 'bench-wrk-'))
  try {
    const args = [`-t${WRK_SETTINGS.threads}`, `-c${WRK_SETTINGS.connections}`, '--latency']
    for (const [name, value] of Object.entries(load.headers ?? {})) args.push('-H', `${name}: ${value}`)
    if (load.method === 'POST') {
      // wrk sends a body only from a Lua script; a long bracket string keeps the JSON as it is.
      const script = path.join(scriptDir, 'post.lua')
      writeFileSync(
        script,
        `wrk.method = "POST"\nwrk.body = [==[${load.body ?? ''}]==]\nwrk.headers["Content-Type"] = "application/json"\n`,
      )
      args.push('-s', script)
    }
    const url = `${baseUrl}${load.path}`
    run([...args, `-d${WARM_UP_SECONDS}s`, url])
    const output = run([...args, `-d${WRK_SETTINGS.durationSeconds}s`, url])
    const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1])
    const p99 = /^\s+99%\s+(\S+)/m.exec(output)?.[1]
    if (!Number.isFinite(requestsPerSecond) || !p99) throw new Error(`wrk printed no result:\n${output}`)
    return {
      requestsPerSecond: Math.round(requestsPerSecond),
      p99Ms: milliseconds(p99),
      non2xx3xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0),
      socketErrors: (/Socket errors: (.*)/.exec(output)?.[1] ?? '')
        .split(',')
        .reduce((sum, part) => sum + Number(/\d+/.exec(part)?.[0] ?? 0), 0),
    }
  } finally {
    rmSync(scriptDir, { recursive: true, force: true })
  }
}

const run = (args: string[]): string => {
  const result = spawnSync('taskset', ['-c', WRK_CPU, 'wrk', ...args], { encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) throw new Error(`wrk failed (${result.status}): ${result.stderr || result.stdout}`)
  return result.stdout
}
