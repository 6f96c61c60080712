import type { Payload } from 'payload'

import { CHAIN_TIME_ZONE } from './jst'

/** Noon in Japan (UTC+9, no daylight saving) as a UTC time of day. */
const JST_NOON_UTC_HOUR = 3

export type NoonEnd = { id: number | string; title: string; status: string; endsAt: string }

const shownInJapan = new Intl.DateTimeFormat('sv-SE', {
  timeZone: CHAIN_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
})

/** An end saved at exactly 12:00:00.000 JST: what the day-only picker stored, whatever time was meant. */
const isNoonInJapan = (instant: string): boolean => {
  const date = new Date(instant)
  return (
    date.getUTCHours() === JST_NOON_UTC_HOUR &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  )
}

/**
 * Campaigns whose end is exactly noon in Japan: the fingerprint of the end-date picker that offered days only and
 * saved 12:00 JST whatever HQ meant, so the campaign ran until noon instead of the time in its help text. Each
 * campaign's latest version (a draft when one is newer than the published one); HQ checks each and corrects it.
 */
export const findNoonCampaignEnds = async (payload: Payload): Promise<NoonEnd[]> => {
  const { docs } = await payload.find({
    collection: 'campaigns',
    where: { endsAt: { exists: true } },
    select: { title: true, endsAt: true, _status: true },
    draft: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs
    .filter((doc) => typeof doc.endsAt === 'string' && isNoonInJapan(doc.endsAt))
    .map((doc) => ({
      id: doc.id,
      title: doc.title,
      status: doc._status ?? 'published',
      endsAt: `${shownInJapan.format(new Date(doc.endsAt as string))} JST`,
    }))
}

/** A data step on start: one warning line while any campaign still ends at the picker's noon. */
export const warnOfNoonCampaignEnds = async (payload: Payload) => {
  const found = await findNoonCampaignEnds(payload)
  if (found.length === 0) return
  payload.logger.warn(
    `${found.length} campaign(s) end at exactly 12:00 JST, which the old day-only end picker saved whatever time was meant: ` +
      `check and correct them (npm run campaigns:check-noon lists them): ${found.map(({ id }) => id).join(', ')}`,
  )
}
