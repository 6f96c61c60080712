import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { PROJECT_ROOT } from '../lib/paths'

/** A production start without a build first builds the admin (1–2 minutes here), printing Next's progress. */
export const ensureProductionBuild = async (log: (message: string) => void) => {
  if (fs.existsSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'))) return
  log('No production build of the admin yet: running `next build` first (about 1–2 minutes)…')
  const started = Date.now()
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    build.on('error', reject)
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))))
  })
  log(`Admin built in ${Math.round((Date.now() - started) / 1000)} s`)
}
