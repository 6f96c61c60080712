import Database from 'libsql'
import fs from 'node:fs'

import { createPrivateFile } from '../../lib/privateFiles'

/** How long the snapshot waits for a moment when SQLite lets it start reading (a checkpoint in progress). */
const BUSY_TIMEOUT_MS = 10_000

/**
 * Copies the live database into `target` with SQLite's VACUUM INTO: one read transaction, so the copy is the
 * database as it was at one instant, every write committed before it and none after, while the server keeps
 * reading and writing (in WAL mode a reader neither waits for writers nor holds them up). The copy is compact and
 * has no -wal file of its own. `target` is created owner-only first: VACUUM INTO accepts an empty file.
 */
export const snapshotDatabase = (liveFile: string, target: string) => {
  if (!fs.existsSync(liveFile))
    throw new Error(`No database at ${liveFile}: nothing to back up (DATABASE_URI, DATA_DIR)`)
  createPrivateFile(target)
  const database = new Database(liveFile)
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    database.prepare('VACUUM INTO ?').run(target)
  } finally {
    database.close()
  }
}
