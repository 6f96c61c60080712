import type { Payload } from 'payload'

import { existsSync } from 'node:fs'
import { mkdir, readdir, rename, stat } from 'node:fs/promises'
import path from 'node:path'

import { environment } from './env'
import { MEDIA_DIR } from './paths'

/**
 * Payload stores an upload's files (the original and every size) before it inserts the media document: a process
 * killed between the two leaves files no document names. They are moved here, a hidden folder inside the media folder
 * (the same file system, so a move is a rename; no document names it, so nothing serves it), where an operator can
 * look at them or delete them.
 */
export const ORPHANS_DIR = path.join(MEDIA_DIR, '.orphans')

/**
 * Only files at least this old are orphans: another instance sharing the folder may be between writing an upload's
 * files and inserting its document (sharp, hooks, a database busy for up to its busy timeout: seconds at most), and
 * that upload must keep its files.
 */
export const orphanMinAgeMinutes = () => environment().MEDIA_ORPHAN_MIN_AGE_MINUTES

type StoredFiles = {
  id: string
  filename?: string | null
  sizes?: Record<string, { filename?: string | null } | undefined> | null
}

export type MediaCheck = {
  /** Files no media document names, moved into ORPHANS_DIR. */
  moved: string[]
  /** Files no media document names, left in place because they are younger than the minimum age. */
  young: string[]
  /** Media documents naming a file that is not in the media folder. */
  missing: { id: string; filename: string }[]
}

const filesOf = ({ filename, sizes }: StoredFiles): string[] =>
  [filename, ...Object.values(sizes ?? {}).map((size) => size?.filename)].filter((name): name is string =>
    Boolean(name),
  )

/**
 * Compares the media folder with the media documents: moves files older than `minAgeMinutes` that no document names
 * into ORPHANS_DIR, and lists documents whose files are missing. The documents are read before the folder, so a file
 * an upload writes meanwhile is young and stays. Nothing to do when media live elsewhere (S3).
 */
export const checkMediaFiles = async (payload: Payload, minAgeMinutes = orphanMinAgeMinutes()): Promise<MediaCheck> => {
  const result: MediaCheck = { moved: [], young: [], missing: [] }
  const upload = payload.collections.media?.config.upload
  if (!upload || upload.disableLocalStorage || !existsSync(MEDIA_DIR)) return result

  const { docs } = await payload.find({
    collection: 'media',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { filename: true, sizes: true },
  })
  const named = new Set<string>()
  for (const doc of docs as unknown as StoredFiles[]) {
    for (const filename of filesOf(doc)) {
      named.add(filename)
      if (!existsSync(path.join(MEDIA_DIR, filename))) result.missing.push({ id: String(doc.id), filename })
    }
  }

  const oldest = Date.now() - minAgeMinutes * 60_000
  for (const entry of await readdir(MEDIA_DIR, { withFileTypes: true })) {
    if (!entry.isFile() || named.has(entry.name)) continue
    const file = path.join(MEDIA_DIR, entry.name)
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }))
    if (mtimeMs > oldest) {
      result.young.push(entry.name)
      continue
    }
    await mkdir(ORPHANS_DIR, { recursive: true, mode: 0o700 })
    // Another instance starting at the same moment may have moved it already.
    const moved = await rename(file, path.join(ORPHANS_DIR, entry.name)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false
        throw error
      },
    )
    if (moved) result.moved.push(entry.name)
  }
  return result
}

/** The start-up step: moves orphaned media files aside and says what it found. */
export const quarantineMediaOrphans = async (payload: Payload) => {
  const { moved, missing } = await checkMediaFiles(payload)
  if (moved.length > 0) {
    payload.logger.warn(
      `Media: moved ${moved.length} file(s) that no media document names into ${ORPHANS_DIR}: ${moved.join(', ')}`,
    )
  }
  for (const { id, filename } of missing)
    payload.logger.error(`Media: document ${id} names ${filename}, which is not in ${MEDIA_DIR}`)
}
