/** npm run restore <archive>: checks the archive, then puts it in place of the embedded database and local media. */
import path from 'node:path'

import { liveData } from './liveData'
import { progressOnStderr } from './progress'
import { restoreBackup } from './restoreBackup'

const run = async () => {
  const archive = process.argv[2]
  if (!archive) throw new Error('name the archive to restore: npm run restore -- <file>')
  const started = Date.now()
  await restoreBackup(path.resolve(archive), liveData(), progressOnStderr)
  progressOnStderr(`Restored in ${((Date.now() - started) / 1000).toFixed(1)} s: start the server(s) again`)
}

// A main function rather than top-level await (see src/main.ts).
run().then(
  () => process.exit(0),
  (error) => {
    console.error(`Restore failed, nothing was replaced: ${(error as Error).message}`)
    process.exit(1)
  },
)
