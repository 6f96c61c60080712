/** npm run seed: migrate, then load the seed (idempotent: a second run changes nothing). */
import { getPayload } from 'payload'

import config from '../payload.config'
import { migrateDatabase } from '../src/lib/prepareDatabase'
import { printSeedReport, seed } from './seed'

const payload = await getPayload({ config })
await migrateDatabase(payload)
printSeedReport(payload, await seed(payload))
await payload.destroy()
process.exit(0)
