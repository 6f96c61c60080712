import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { findNoonCampaignEnds, warnOfNoonCampaignEnds } from '../../src/lib/campaignNoonEnds'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * The day-only end picker saved 12:00 JST whatever HQ meant: campaigns saved then end at exactly noon in Japan, and
 * are listed so HQ can correct them. An end at any other time, or none, is left alone.
 */
let instance: TestPayload
const ids: Record<string, number | string> = {}

const campaign = async (title: string, endsAt: string | undefined, status: 'draft' | 'published' = 'published') => {
  const doc = await instance.payload.create({
    collection: 'campaigns',
    data: { kind: 'trade_in', title, startsAt: '2026-03-01T00:00:00+09:00', endsAt, _status: status } as never,
    draft: status === 'draft',
    overrideAccess: true,
  })
  ids[title] = doc.id
}

beforeAll(async () => {
  instance = await startPayload()
  await campaign('Picker noon', '2026-03-31T12:00:00+09:00')
  await campaign('Draft at noon', '2026-04-30T12:00:00+09:00', 'draft')
  await campaign('Ends at six', '2026-03-31T18:00:00+09:00')
  await campaign('A second past noon', '2026-03-31T12:00:01+09:00')
  await campaign('Noon in UTC', '2026-03-31T12:00:00Z')
  await campaign('No end', undefined)
})
afterAll(async () => {
  await instance?.stop()
})

describe('campaigns saved at the end picker noon', () => {
  it('lists each campaign ending at exactly 12:00 JST, drafts included, with its end in Japan time', async () => {
    const found = await findNoonCampaignEnds(instance.payload)
    expect(found.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { id: ids['Draft at noon'], title: 'Draft at noon', status: 'draft', endsAt: '2026-04-30 12:00 JST' },
      { id: ids['Picker noon'], title: 'Picker noon', status: 'published', endsAt: '2026-03-31 12:00 JST' },
    ])
  })

  it('warns once on start naming them, and says nothing when none is left', async () => {
    const warn = vi.spyOn(instance.payload.logger, 'warn')
    await warnOfNoonCampaignEnds(instance.payload)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).toMatch(/^2 campaign\(s\) end at exactly 12:00 JST.*npm run campaigns:check-noon/)

    for (const title of ['Picker noon', 'Draft at noon']) {
      await instance.payload.update({
        collection: 'campaigns',
        id: ids[title],
        data: { endsAt: '2026-03-31T18:00:00+09:00' },
        draft: title.startsWith('Draft'),
        overrideAccess: true,
      })
    }
    warn.mockClear()
    await warnOfNoonCampaignEnds(instance.payload)
    expect(warn).not.toHaveBeenCalled()
  })
})
