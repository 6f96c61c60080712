/** npm run backup [file or folder]: one archive of the embedded database and local media, while servers run. */
import { archivePath } from './backupLocation'
import { createBackup } from './createBackup'
import { liveData } from './liveData'
import { progressOnStderr } from './progress'

const run = async () => {
  const started = Date.now()
  const { archive, manifest } = await createBackup(liveData(), archivePath(process.argv[2]), progressOnStderr)
  progressOnStderr(
    `Backup written in ${((Date.now() - started) / 1000).toFixed(1)} s${manifest.missingMedia.length > 0 ? `, WITHOUT ${manifest.missingMedia.length} missing media files (listed above and in the manifest)` : ''}`,
  )
  // The path alone on stdout, for scripts that copy the archive elsewhere.
  process.stdout.write(`${archive}\n`)
}

// A main function rather than top-level await (see src/main.ts).
run().then(
  () => process.exit(0),
  (error) => {
    console.error(`Backup failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
