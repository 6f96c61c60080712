/** npm run seed: migrate, then load the seed (idempotent: a second run changes nothing). */
import { getPayload } from 'payload'

import config from '../payload.config'
import { migrateDatabase } from '../src/lib/prepareDatabase'
import { printSeedReport, seed } from './seed'

const run = async () => {
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  printSeedReport(payload, await seed(payload))
  await payload.destroy()
}

// A main function rather than top-level await: under tsx's loader a freshly changed module met at
// top level made Node exit silently with code 13 (unsettled top-level await).
run().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
