import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { DATA_DIR, PROJECT_ROOT } from './paths'
import { withNarrowSessionWrites } from './sessionWrites'

export const SQLITE_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'src/migrations')

export type DatabaseKind = 'mongodb' | 'sqlite'

/** Which database DATABASE_URI names: unset or file: → embedded SQLite; mongodb:// or mongodb+srv:// → MongoDB. */
export const databaseKind = (uri = process.env.DATABASE_URI): DatabaseKind => {
  if (!uri || uri.startsWith('file:')) return 'sqlite'
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) return 'mongodb'
  throw new Error(`DATABASE_URI must be empty, file:…, mongodb://… or mongodb+srv://… (got "${uri.split(':')[0]}:…")`)
}

/** The embedded default: one SQLite file under data/. */
export const DEFAULT_SQLITE_URI = `file:${path.join(DATA_DIR, 'cms.db')}`

/**
 * The adapter for DATABASE_URI. SQLite never pushes its schema: development, tests and production all apply
 * the committed migrations, so no start ever meets Payload's interactive "dev push" prompt.
 */
export const databaseAdapter = (uri = process.env.DATABASE_URI): DatabaseAdapterObj => {
  if (databaseKind(uri) === 'mongodb') {
    // Transactions need a replica set (docker-compose.yml starts a single-node one).
    return withNarrowSessionWrites(mongooseAdapter({ url: uri as string }))
  }
  const url = uri || DEFAULT_SQLITE_URI
  // SQLite creates the file but not its folder: a fresh clone has no data/ yet.
  const file = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length)
  if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return withNarrowSessionWrites(
    sqliteAdapter({
      client: { url },
      idType: 'uuid',
      push: false,
      wal: true,
      busyTimeout: 5000,
      migrationDir: SQLITE_MIGRATIONS_DIR,
    }),
  )
}
