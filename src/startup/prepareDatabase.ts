import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { printSeedReport, seed } from '../../seed/seed'
import { warnOfNoonCampaignEnds } from '../lib/campaignNoonEnds'
import { sqliteFile, sqliteFiles } from '../lib/database'
import { OUTBOX_DIR } from '../lib/email'
import { quarantineMediaOrphans } from '../lib/mediaOrphans'
import { DATA_DIR } from '../lib/paths'
import { makePrivate } from '../lib/privateFiles'
import { renderMissingBodies } from '../lib/storedBodies'

// The generated migrations type their arguments exactly; the adapter's interface takes `unknown`.
const sqliteMigrations = migrations as unknown as Migration[]

/**
 * What holds secrets on disk: the data folder with the files directly in it (the embedded database and its -wal and
 * -shm, the generated session key), the database wherever DATABASE_URI puts it, and the mail outbox (reset links).
 * Media under data/media keep their own modes; the data folder, owner-only, is what keeps them from other accounts.
 */
const secretPaths = (): string[] => {
  const database = sqliteFile()
  return [DATA_DIR, ...(database ? sqliteFiles(database) : []), OUTBOX_DIR]
}

/** New files are created owner-only; an install from before that is narrowed on start, with a line for each change. */
export const keepDataPrivate = (payload: Payload) => {
  for (const { path, mode } of makePrivate(secretPaths())) {
    payload.logger.warn(`${path} was open to other accounts (mode ${mode}): now owner-only, it may hold secrets`)
  }
}

/** Applies the committed SQL migrations; MongoDB has no schema to migrate. */
export const migrateDatabase = async (payload: Payload) => {
  if (payload.db.name === 'sqlite') await payload.db.migrate({ migrations: sqliteMigrations })
}

const isEmpty = async (payload: Payload) => {
  const [users, stores] = await Promise.all([
    payload.count({ collection: 'users', overrideAccess: true }),
    payload.count({ collection: 'stores', overrideAccess: true }),
  ])
  return users.totalDocs === 0 && stores.totalDocs === 0
}

/**
 * On start: keep the secrets on disk owner-only, migrate, seed a database that has nothing in it yet so a newcomer
 * sees real content, render the bodies of posts saved before bodies were rendered, move aside media files a
 * crashed upload left without a document, and warn of campaigns that end at the old end picker's noon.
 */
export const prepareDatabase = async (payload: Payload) => {
  keepDataPrivate(payload)
  await migrateDatabase(payload)
  if (await isEmpty(payload)) {
    payload.logger.info('Empty database: loading the seed')
    printSeedReport(payload, await seed(payload))
  }
  await renderMissingBodies(payload)
  await quarantineMediaOrphans(payload)
  await warnOfNoonCampaignEnds(payload)
}
