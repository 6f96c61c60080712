import { describe, expect, it } from 'vitest'

import {
  byDisplayOrder,
  type CampaignForSelection,
  campaignsForStore,
  isTargetedAt,
  runningCampaignsWhere,
} from '../../src/lib/campaigns'

const campaign = (id: string, fields: Partial<CampaignForSelection> = {}): CampaignForSelection => ({
  id,
  startsAt: '2026-04-01T00:00:00.000Z',
  priority: 0,
  ...fields,
})

describe('which stores a campaign is for', () => {
  it('is for every store without target stores, whether the list is missing, null or empty', () => {
    for (const targetStores of [undefined, null, []])
      expect(isTargetedAt(campaign('a', { targetStores }), 'kanda')).toBe(true)
  })

  it('is for its target stores only, given as IDs or as populated stores', () => {
    expect(isTargetedAt(campaign('a', { targetStores: ['kanda', 'hakata'] }), 'hakata')).toBe(true)
    expect(isTargetedAt(campaign('a', { targetStores: [{ id: 'kanda' }] }), 'kanda')).toBe(true)
    expect(isTargetedAt(campaign('a', { targetStores: ['kanda'] }), 'saga')).toBe(false)
  })
})

describe('the order a store shows its campaigns in', () => {
  it('puts higher priority first, then the earlier start, then orders by ID', () => {
    const campaigns = [
      campaign('low', { priority: 1 }),
      campaign('later-b', { priority: 5, startsAt: '2026-04-02T00:00:00.000Z' }),
      campaign('later-a', { priority: 5, startsAt: '2026-04-02T00:00:00.000Z' }),
      campaign('earlier', { priority: 5, startsAt: '2026-03-01T00:00:00.000Z' }),
      campaign('unset', { priority: null }),
      campaign('high', { priority: 100 }),
    ]
    expect([...campaigns].sort(byDisplayOrder).map((entry) => entry.id)).toEqual([
      'high',
      'earlier',
      'later-a',
      'later-b',
      'low',
      'unset',
    ])
  })

  it('keeps the targeted campaigns, in display order', () => {
    const running = [
      campaign('elsewhere', { targetStores: ['hakata'], priority: 50 }),
      campaign('everywhere', { priority: 10 }),
      campaign('here', { targetStores: ['kanda'], priority: 20 }),
    ]
    expect(campaignsForStore(running, 'kanda').map((entry) => entry.id)).toEqual(['here', 'everywhere'])
  })
})

describe('the query for running campaigns', () => {
  it('asks for published campaigns started at or before the instant and ending after it, or never', () => {
    expect(runningCampaignsWhere(new Date('2026-03-31T15:00:00.000Z'))).toEqual({
      and: [
        { _status: { equals: 'published' } },
        { startsAt: { less_than_equal: '2026-03-31T15:00:00.000Z' } },
        { or: [{ endsAt: { exists: false } }, { endsAt: { greater_than: '2026-03-31T15:00:00.000Z' } }] },
      ],
    })
  })
})
