/**
 * npm run campaigns:check-noon: lists the campaigns whose end is exactly 12:00 JST, which the end picker saved when it
 * offered days only (src/lib/campaignNoonEnds.ts), so HQ can correct each to the time meant. Exits 1 when any is found.
 */
import { getPayload } from 'payload'

import config from '../../payload.config'
import { findNoonCampaignEnds } from '../lib/campaignNoonEnds'

const run = async (): Promise<number> => {
  const payload = await getPayload({ config })
  try {
    const found = await findNoonCampaignEnds(payload)
    console.info(`Campaigns ending at exactly 12:00 JST: ${found.length}`)
    for (const { id, title, status, endsAt } of found) console.info(`${id}\t${endsAt}\t${status}\t${title}`)
    return found.length > 0 ? 1 : 0
  } finally {
    await payload.destroy()
  }
}

// A main function rather than top-level await (see src/main.ts).
run().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Campaign end check failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
