/**
 * npm run media:check: what every start does to the media folder (src/lib/mediaOrphans.ts), on demand and with a
 * report: after a crash, to clear orphaned files without a restart, or to find documents whose files are missing.
 * Exits 1 when a document names a missing file.
 */
import { getPayload } from 'payload'

import config from '../../payload.config'
import { checkMediaFiles, ORPHANS_DIR } from '../lib/mediaOrphans'

const run = async (): Promise<number> => {
  const payload = await getPayload({ config })
  try {
    const { moved, young, missing } = await checkMediaFiles(payload)
    console.info(
      `Moved into ${ORPHANS_DIR}: ${moved.length} file(s) no media document names${moved.length ? ` (${moved.join(', ')})` : ''}`,
    )
    if (young.length)
      console.info(
        `Left in place, younger than MEDIA_ORPHAN_MIN_AGE_MINUTES (an upload may be under way): ${young.join(', ')}`,
      )
    for (const { id, filename } of missing) console.error(`Missing: media document ${id} names ${filename}`)
    return missing.length > 0 ? 1 : 0
  } finally {
    await payload.destroy()
  }
}

// A main function rather than top-level await (see src/main.ts).
run().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Media check failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
