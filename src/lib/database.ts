import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongoConnectionOpened } from './rateLimiterStore'
import { withAtomicJobClaims } from './jobClaims'
import { environment } from './env'
import { DATA_DIR, PROJECT_ROOT } from './paths'
import { createPrivateDirectory, createPrivateFile } from './privateFiles'
import { withNarrowSessionWrites } from './auth/sessionWrites'
import { withOperationTransactions } from './sqliteTransactions'

export const SQLITE_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'src/migrations')

/** How long a write waits for another process holding SQLite's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5000

export type DatabaseKind = 'mongodb' | 'sqlite'

/** Which database DATABASE_URI names: unset or file: → embedded SQLite; mongodb:// or mongodb+srv:// → MongoDB. */
export const databaseKind = (uri = environment().DATABASE_URI): DatabaseKind => {
  if (!uri || uri.startsWith('file:')) return 'sqlite'
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) return 'mongodb'
  throw new Error(`DATABASE_URI must be empty, file:…, mongodb://… or mongodb+srv://… (got "${uri.split(':')[0]}:…")`)
}

/** The embedded default: one SQLite file under data/. */
export const DEFAULT_SQLITE_URI = `file:${path.join(DATA_DIR, 'cms.db')}`

/** The file of an embedded database URI (file:… or file://…), or undefined for MongoDB and :memory:. */
export const sqliteFile = (uri = environment().DATABASE_URI): string | undefined => {
  if (databaseKind(uri) !== 'sqlite') return undefined
  const url = uri || DEFAULT_SQLITE_URI
  const file = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length)
  return file && file !== ':memory:' ? path.resolve(file) : undefined
}

/** The database file and the companions SQLite keeps beside it (write-ahead log, shared memory, rollback journal). */
export const sqliteFiles = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]

/**
 * The adapter for DATABASE_URI. SQLite never pushes its schema: development, tests and production all apply
 * the committed migrations, so no start ever meets Payload's interactive "dev push" prompt.
 */
export const databaseAdapter = (uri = environment().DATABASE_URI): DatabaseAdapterObj => {
  if (databaseKind(uri) === 'mongodb') {
    // Transactions need a replica set (docker-compose.yml starts a single-node one). The sign-in and API counters
    // live in this database too, through the adapter's connection (src/lib/rateLimiterStore.ts).
    return withAtomicJobClaims(
      withNarrowSessionWrites(
        mongooseAdapter({
          url: uri as string,
          afterOpenConnection: ({ connection }) => mongoConnectionOpened(connection),
        }),
      ),
    )
  }
  const url = uri || DEFAULT_SQLITE_URI
  const file = sqliteFile(url)
  if (file) {
    // SQLite creates the file but not its folder: a fresh clone has no data/ yet. The file holds password hashes:
    // created here owner-only (an empty file is an empty database), SQLite gives its -wal, -shm and -journal
    // files the mode of the database file.
    createPrivateDirectory(path.dirname(file))
    createPrivateFile(file)
  }
  const adapter = sqliteAdapter({
    client: { url },
    idType: 'uuid',
    push: false,
    wal: true,
    busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
    migrationDir: SQLITE_MIGRATIONS_DIR,
  })
  const sqlite = withAtomicJobClaims(withNarrowSessionWrites(adapter))
  // An in-memory database lives in one connection: it keeps running without transactions.
  return file ? withOperationTransactions(sqlite, { url, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS }) : sqlite
}
