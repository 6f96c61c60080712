import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { campaignSlugBase } from '../../src/lib/campaignSlug'
import { signedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let hqToken: string

/** 2026-12-01 00:00 JST is still November in UTC: the period must be read in Japan. */
const YEAR_END_2026 = '2026-11-30T15:00:00.000Z'

const create = (data: Record<string, unknown>) =>
  server.payload.create({
    collection: 'campaigns',
    data: { startsAt: YEAR_END_2026, ...data, _status: 'published' } as never,
    overrideAccess: true,
  })

beforeAll(async () => {
  server = await startServer()
  hqToken = (await signedInUser(server, 'hq')).token
})

afterAll(async () => {
  await server?.stop()
})

describe('campaign slug rule', () => {
  it('names the season of the JST start month, else the year and month', () => {
    expect(campaignSlugBase({ kind: 'trade_in', startsAt: YEAR_END_2026 })).toBe('year-end-2026-trade-in')
    expect(campaignSlugBase({ kind: 'trade_in', startsAt: '2026-12-31T15:00:00.000Z' })).toBe('new-year-2027-trade-in')
    expect(campaignSlugBase({ kind: 'student_discount', startsAt: '2027-03-01T00:00:00+09:00' })).toBe(
      'spring-2027-student-discount',
    )
    expect(campaignSlugBase({ kind: 'free_shipping', startsAt: '2026-10-05T00:00:00+09:00' })).toBe(
      '2026-10-free-shipping',
    )
  })

  it('says the offer in yen or percent and does not repeat the title words the offer already says', () => {
    expect(
      campaignSlugBase({
        title: '年末 screen 1000円引き',
        kind: 'fixed_yen_off',
        value: 1000,
        startsAt: YEAR_END_2026,
      }),
    ).toBe('year-end-2026-screen-1000yen-off')
    expect(
      campaignSlugBase({
        title: '夏の ＩＰＨＯＮＥ １２ 10% OFF',
        kind: 'percent_off',
        value: 10,
        startsAt: '2026-07-01T00:00:00+09:00',
      }),
    ).toBe('summer-2026-iphone-12-10pct-off')
  })

  it('names the kind alone when the value would not print as plain digits', () => {
    expect(campaignSlugBase({ kind: 'fixed_yen_off', value: 1e21, startsAt: YEAR_END_2026 })).toBe(
      'year-end-2026-fixed-yen-off',
    )
  })
})

describe('campaign slugs through the Local API', () => {
  it('makes a Japanese-titled campaign slug from the period and the offer', async () => {
    const campaign = await create({ title: '年末 画面修理 1000円引き', kind: 'fixed_yen_off', value: 1000 })
    expect(campaign.slug).toBe('year-end-2026-1000yen-off')
  })

  it('keeps slugs unique by suffixing a second campaign of the same kind and period', async () => {
    const first = await create({ title: '年末 下取り', kind: 'trade_in' })
    const second = await create({ title: '年末 下取り 第二弾', kind: 'trade_in' })
    expect([first.slug, second.slug]).toEqual(['year-end-2026-trade-in', 'year-end-2026-trade-in-2'])
  })

  it('keeps a published slug when the title, kind or value change later', async () => {
    const campaign = await create({ title: '年末 学割', kind: 'student_discount' })
    const edited = await server.payload.update({
      collection: 'campaigns',
      id: campaign.id,
      data: { title: '新春 学割', kind: 'percent_off', value: 5 },
      overrideAccess: true,
    })
    expect(edited.slug).toBe('year-end-2026-student-discount')
  })
})

describe('campaign slugs over REST', () => {
  const post = (json: Record<string, unknown>) =>
    server.request('/api/campaigns', {
      method: 'POST',
      token: hqToken,
      json: { startsAt: YEAR_END_2026, _status: 'published', ...json },
    })

  it('generates the slug for HQ when left empty', async () => {
    const response = await post({ title: '年末 ５％オフ', kind: 'percent_off', value: 5 })
    expect(response.status).toBe(201)
    expect((await response.json()).doc.slug).toBe('year-end-2026-5pct-off')
  })

  it('lets HQ type a slug of their own, cleaned to the slug rule', async () => {
    const response = await post({ title: '年末 送料無料', kind: 'free_shipping', slug: 'Kanda Year End' })
    const { doc } = await response.json()
    expect(doc.slug).toBe('kanda-year-end')
    const patched = await server.request(`/api/campaigns/${doc.id}`, {
      method: 'PATCH',
      token: hqToken,
      json: { slug: 'kanda-nenmatsu' },
    })
    expect(patched.status).toBe(200)
    expect((await patched.json()).doc.slug).toBe('kanda-nenmatsu')
  })

  it('keeps a published slug when HQ renames the campaign', async () => {
    const { doc } = await (
      await post({ title: '年末 下取り強化', kind: 'trade_in', slug: 'year-end-2026-trade-in-boost' })
    ).json()
    const renamed = await server.request(`/api/campaigns/${doc.id}`, {
      method: 'PATCH',
      token: hqToken,
      json: { title: '年末年始 下取り強化' },
    })
    expect(renamed.status).toBe(200)
    expect((await renamed.json()).doc.slug).toBe('year-end-2026-trade-in-boost')
  })
})
