import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { environment } from '../lib/env'
import { PROJECT_ROOT } from '../lib/paths'

/** What the admin bundle is built from: a change to any of these makes a production build stale. */
const BUILD_INPUTS = ['payload.config.ts', 'next.config.ts', 'package-lock.json', 'collections', 'src', 'seed']

const newestChange = (entry: string): number => {
  const stats = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stats) return 0
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(stats.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))))
}

const buildIsCurrent = (): boolean => {
  const buildId = fs.statSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'), { throwIfNoEntry: false })
  if (!buildId) return false
  return BUILD_INPUTS.every((input) => newestChange(path.join(PROJECT_ROOT, input)) <= buildId.mtimeMs)
}

/**
 * A production start without a current build first builds the admin (about 1 minute here), printing
 * Next's progress, so a fresh clone or a pulled change never serves a stale admin. NEXT_BUILD_CHECK=off serves
 * whatever .next holds (an image built ahead of time whose file times say nothing; the benchmark).
 */
export const ensureProductionBuild = async (log: (message: string) => void) => {
  if (!environment().NEXT_BUILD_CHECK || buildIsCurrent()) return
  log('The admin has no current production build: running `next build` first (about 1 minute)…')
  const started = Date.now()
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      // The whole environment, not the parsed settings: the build reads variables of its own (PATH, Next's).
      env: { ...process.env, NODE_ENV: 'production' },
    })
    build.on('error', reject)
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))))
  })
  log(`Admin built in ${Math.round((Date.now() - started) / 1000)} s`)
}
