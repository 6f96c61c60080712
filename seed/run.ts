/** npm run seed: narrow the data files, migrate, then load the seed (idempotent: a second run changes nothing). */
import { getPayload } from 'payload'

import config from '../payload.config'
import { keepDataPrivate, migrateDatabase } from '../src/startup/prepareDatabase'
import { SeedInputError } from './inputs'
import { printSeedReport, seed } from './seed'

const run = async () => {
  const payload = await getPayload({ config })
  keepDataPrivate(payload)
  await migrateDatabase(payload)
  printSeedReport(payload, await seed(payload))
  await payload.destroy()
}

// A main function rather than top-level await: under tsx's loader a freshly changed module met at
// top level made Node exit silently with code 13 (unsettled top-level await).
run().then(
  () => process.exit(0),
  (error) => {
    // A refused setting is the operator's to fix: its message says which and why; a stack trace would only hide it.
    console.error(error instanceof SeedInputError ? error.message : error)
    process.exit(1)
  },
)
