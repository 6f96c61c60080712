import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

import { PROJECT_ROOT } from '../../src/lib/paths'

/** A port nothing listens on now (the OS picks it). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

export type Instance = {
  baseUrl: string
  child: ChildProcess
  /** From spawning to the first ready answer of /readyz. */
  readyMs: number
  /** Resident memory of the server process now, in megabytes. */
  rssMB: () => number
  /** SIGTERM, as an orchestrator stops it; answers the exit code. */
  stop: () => Promise<number | null>
}

/**
 * One CMS server process as an operator starts it (`npm start`: production mode, local defaults, migrated, seeded
 * when empty) on `dataDir` and a free port; `apiOnly` starts it the way `npm run serve:api` does (no Next.js). Several
 * on one data folder share one database. The caller's REDIS_URL is not inherited: pass one in `env` to use Redis.
 */
export const startInstance = async ({
  dataDir,
  apiOnly = true,
  env = {},
  readyWithinMs = 180_000,
  entry = 'src/main.ts',
  cpu,
}: {
  dataDir: string
  apiOnly?: boolean
  env?: Record<string, string>
  readyWithinMs?: number
  /** Another server entry (the benchmark measures older code through one). */
  entry?: string
  /** Pins the process to this CPU (`taskset -c`), so a load generator on the other core does not share it. */
  cpu?: string
}): Promise<Instance> => {
  const port = await freePort()
  const { REDIS_URL: _notInherited, ...inherited } = process.env
  const started = Date.now()
  const command = [process.execPath, '--conditions=production', '--import', 'tsx', entry]
  // taskset runs the command in its own process (exec), so the child's pid stays the server's.
  const [program, ...args] = cpu === undefined ? command : ['taskset', '-c', cpu, ...command]
  const child = spawn(program as string, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LOCAL_DEFAULTS: 'true',
      API_ONLY: apiOnly ? 'true' : 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = started + readyWithinMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the CMS exited with code ${child.exitCode} while starting`)
    if (
      await fetch(`${baseUrl}/readyz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the CMS was not ready within ${readyWithinMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const readyMs = Date.now() - started

  return {
    baseUrl,
    child,
    readyMs,
    rssMB: () => {
      const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1])
      return Math.round(kilobytes / 102.4) / 10
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
