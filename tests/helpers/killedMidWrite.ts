/**
 * A CMS process that kills itself with SIGKILL at the worst moment of a write: right after the first row of a
 * published price reaches SQLite, before its version row and its audit entry. Run by tests/production/crashSafety.test.ts
 * on DATA_DIR; it creates a device first (a write that completes), then the price (notes: the first argument) whose
 * create it cuts short.
 */
import { Sqlite3Client } from '@libsql/client/sqlite3'
import { getPayload } from 'payload'

import config from '../../payload.config'
import { migrateDatabase } from '../../src/startup/prepareDatabase'

const run = async () => {
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  const device = await payload.create({
    collection: 'devices',
    data: { brand: 'apple', model: 'iPhone 8' },
    overrideAccess: true,
  })
  // Every libsql connection of the process (the adapter's, and the one its transactions run on).
  const execute = Sqlite3Client.prototype.execute
  Sqlite3Client.prototype.execute = async function (
    this: Sqlite3Client,
    ...args: Parameters<Sqlite3Client['execute']>
  ) {
    const result = await execute.apply(this, args)
    const statement = args[0] as string | { sql: string }
    const sql = typeof statement === 'string' ? statement : statement.sql
    if (/^insert into "prices"/i.test(sql)) process.kill(process.pid, 'SIGKILL')
    return result
  }
  await payload.create({
    collection: 'prices',
    data: {
      device: device.id,
      repairMenu: 'screen',
      priceYen: 12_800,
      validFrom: '2027-04-01T00:00:00.000Z',
      notes: process.argv[2],
      _status: 'published',
    },
    overrideAccess: true,
  })
}

// A main function rather than top-level await (see src/main.ts). Reaching the end means the kill never came.
run().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
