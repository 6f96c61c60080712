import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { printSeedReport, seed } from '../../seed/seed'

// The generated migrations type their arguments exactly; the adapter's interface takes `unknown`.
const sqliteMigrations = migrations as unknown as Migration[]

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

/** On start: migrate, and seed a database that has nothing in it yet so a newcomer sees real content. */
export const prepareDatabase = async (payload: Payload) => {
  await migrateDatabase(payload)
  if (await isEmpty(payload)) {
    payload.logger.info('Empty database: loading the seed')
    printSeedReport(payload, await seed(payload))
  }
}
