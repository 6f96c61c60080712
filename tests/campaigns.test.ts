import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { createStores } from './helpers/fixtures'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let staffToken: string
const storeIds: Record<string, string> = {}

/** The spring sale runs from 2026-04-01 00:00 JST up to, not including, 2026-04-08 00:00 JST. */
const SPRING_STARTS = '2026-03-31T15:00:00.000Z'
const SPRING_ENDS = '2026-04-07T15:00:00.000Z'
const shift = (instant: string, milliseconds: number) => new Date(Date.parse(instant) + milliseconds).toISOString()

/** The seed's four chain-wide campaigns, open-ended since 2019-07-18, by priority. */
const SEEDED = ['trade-in', 'free-round-trip-shipping', 'student-discount', 'like-200-yen-off']

type CampaignJson = { slug: string; title: string; priority: number; targetStores: Array<Record<string, unknown>> }
type ActiveJson = { store: { id: string; slug: string; name: string }; at: string; campaigns: CampaignJson[] }

const active = async (store: string, query = '', headers: Record<string, string> = {}, token?: string) => {
  const response = await server.request(`/api/stores/${store}/campaigns/active${query}`, { headers, token })
  return { response, body: await response.json() }
}
const activeSlugs = async (store: string, at: string) => {
  const { response, body } = await active(store, `?at=${encodeURIComponent(at)}`)
  expect(response.status).toBe(200)
  return (body as ActiveJson).campaigns.map((campaign) => campaign.slug)
}

const ACTIVE_CAMPAIGNS_QUERY = `query ($store: String!, $at: String) {
  ActiveCampaigns(store: $store, at: $at) { slug title priority targetStores { slug } }
}`

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const staff = await createUser(server.payload, 'staff')
  staffToken = await server.login(staff.email, staff.password)

  Object.assign(storeIds, await createStores(server.payload, { kanda: '神田店', hakata: '博多店' }))
  storeIds.saga = (await server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } })).docs[0].id

  const publish = (data: Record<string, unknown>) =>
    server.payload.create({
      collection: 'campaigns',
      data: { kind: 'trade_in', ...data, _status: 'published' } as never,
      overrideAccess: true,
    })
  // Created in an order unlike the expected one, so the order cannot come from insertion.
  await publish({ title: 'Tie later', slug: 'tie-later', startsAt: '2026-03-20T00:00:00+09:00', priority: 60 })
  await publish({ title: 'Tie earlier', slug: 'tie-earlier', startsAt: '2026-03-10T00:00:00+09:00', priority: 60 })
  await publish({
    title: 'Spring sale',
    slug: 'spring-sale',
    startsAt: SPRING_STARTS,
    endsAt: SPRING_ENDS,
    priority: 100,
  })
  await publish({
    title: 'Kanda only',
    slug: 'kanda-only',
    startsAt: '2026-03-01T00:00:00+09:00',
    targetStores: [storeIds.kanda],
    priority: 200,
  })
  await publish({
    title: 'Hakata only',
    slug: 'hakata-only',
    startsAt: '2026-03-01T00:00:00+09:00',
    targetStores: [storeIds.hakata],
    priority: 300,
  })
  const summer = await publish({ title: 'Summer', slug: 'summer', startsAt: '2026-03-01T00:00:00+09:00', priority: 5 })
  await server.payload.update({
    collection: 'campaigns',
    id: summer.id,
    data: { title: 'Unpublished edit', priority: 999 },
    draft: true,
    overrideAccess: true,
  })
  await server.payload.create({
    collection: 'campaigns',
    data: {
      kind: 'trade_in',
      title: 'Draft',
      slug: 'draft-campaign',
      startsAt: '2026-01-01T00:00:00+09:00',
      priority: 999,
      _status: 'draft',
    },
    draft: true,
    overrideAccess: true,
  })
})
afterAll(async () => {
  await server?.stop()
})

describe('GET /api/stores/:slug/campaigns/active', () => {
  it('lists the published campaigns running at the store, highest priority first, then the earlier start', async () => {
    const { response, body } = await active('kanda', `?at=${SPRING_STARTS}`)
    expect(response.status).toBe(200)
    expect(body.store).toEqual({ id: storeIds.kanda, slug: 'kanda', name: '神田店' })
    expect(body.at).toBe(SPRING_STARTS)
    expect((body as ActiveJson).campaigns.map((campaign) => campaign.slug)).toEqual([
      'kanda-only',
      'spring-sale',
      'tie-earlier',
      'tie-later',
      ...SEEDED,
      'summer',
    ])
  })

  it.each([
    ['one millisecond before the start', shift(SPRING_STARTS, -1), false],
    ['exactly at the start', SPRING_STARTS, true],
    ['one millisecond before the end', shift(SPRING_ENDS, -1), true],
    ['exactly at the end', SPRING_ENDS, false],
  ])('%s (%s) the spring sale is active: %s', async (_when, at, expected) => {
    expect((await activeSlugs('kanda', at)).includes('spring-sale')).toBe(expected)
  })

  it.each([
    ['2026-04-01', true, 'midnight JST on the first day is the start itself'],
    ['2026-03-31', false, 'the JST day before has not started'],
    ['2026-04-07', true, 'the last JST day still runs'],
    ['2026-04-08', false, 'midnight JST on 2026-04-08 is the end, which is exclusive'],
    ['2026-04-01T00:00:00+09:00', true, 'an offset of +09:00 names the same instant as the day'],
    ['2026-03-31T23:59:59.999+09:00', false, 'a millisecond earlier in JST'],
    ['2026-03-31T15:00:00Z', true, 'the start in UTC'],
  ])('at=%s → active %s: %s', async (at, expected) => {
    expect((await activeSlugs('kanda', at)).includes('spring-sale')).toBe(expected)
  })

  it('reads a calendar day as midnight in Japan', async () => {
    expect((await active('kanda', '?at=2026-04-01')).body.at).toBe('2026-03-31T15:00:00.000Z')
  })

  it('accepts an offset whose + was left unencoded in the query string', async () => {
    const { response, body } = await active('kanda', '?at=2026-04-01T00:00:00+09:00')
    expect(response.status).toBe(200)
    expect(body.at).toBe(SPRING_STARTS)
  })

  it('shows a campaign only at its target stores and an all-store campaign at every store', async () => {
    const at = '2026-04-02'
    const [kanda, hakata, saga] = await Promise.all(['kanda', 'hakata', 'saga'].map((store) => activeSlugs(store, at)))
    expect(kanda).toContain('kanda-only')
    expect(kanda).not.toContain('hakata-only')
    expect(hakata).toContain('hakata-only')
    expect(hakata).not.toContain('kanda-only')
    expect(saga).not.toContain('kanda-only')
    expect(saga).not.toContain('hakata-only')
    for (const slugs of [kanda, hakata, saga]) expect(slugs).toEqual(expect.arrayContaining(['spring-sale', ...SEEDED]))
    expect(hakata[0]).toBe('hakata-only')
  })

  it('gives target stores as id, slug and name only', async () => {
    const { body } = await active('kanda', '?at=2026-04-02')
    const kandaOnly = (body as ActiveJson).campaigns.find((campaign) => campaign.slug === 'kanda-only')
    expect(kandaOnly?.targetStores).toEqual([{ id: storeIds.kanda, slug: 'kanda', name: '神田店' }])
  })

  it('leaves drafts out, and shows the published version of a campaign with a newer draft, even to signed-in staff', async () => {
    for (const token of [undefined, staffToken]) {
      const { body } = await active('kanda', '?at=2026-04-02', {}, token)
      const campaigns = (body as ActiveJson).campaigns
      expect(campaigns.map((campaign) => campaign.slug)).not.toContain('draft-campaign')
      expect(campaigns.find((campaign) => campaign.slug === 'summer')).toMatchObject({ title: 'Summer', priority: 5 })
    }
  })

  it('defaults to now', async () => {
    const before = Date.now()
    const { body } = await active('kanda')
    const after = Date.now()
    expect(Date.parse(body.at)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(body.at)).toBeLessThanOrEqual(after)
    expect((body as ActiveJson).campaigns.map((campaign) => campaign.slug)).toEqual(await activeSlugs('kanda', body.at))
  })

  it('answers with JSON that public caches may keep for a minute', async () => {
    const { response } = await active('kanda', '?at=2026-04-02')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('answers 404 for an unknown store', async () => {
    const { response, body } = await active('atlantis')
    expect(response.status).toBe(404)
    expect(body.errors[0].message).toContain('atlantis')
  })

  it.each(['2026-02-30', '2026-04-01T10:00:00', '2026-04-01T25:00:00Z', '2026-13-01', 'tomorrow', ''])(
    'answers 400 naming `at` for at=%j',
    async (at) => {
      const { response, body } = await active('kanda', `?at=${encodeURIComponent(at)}`)
      expect(response.status).toBe(400)
      expect(body.errors[0].data.errors).toEqual([{ path: 'at', message: body.errors[0].message }])
      expect(body.errors[0].message).toContain('ISO 8601')
    },
  )

  it('explains a malformed `at` in Japanese by default and in English when asked', async () => {
    expect((await active('kanda', '?at=soon')).body.errors[0].message).toMatch(/^at は時差付きの ISO 8601 日時/)
    const english = await active('kanda', '?at=soon', { 'Accept-Language': 'en' })
    expect(english.body.errors[0].message).toMatch(/^at must be an ISO 8601 date-time with an offset/)
  })
})

describe('ActiveCampaigns over GraphQL', () => {
  it('answers the same campaigns in the same order as REST, as Payload Campaign objects', async () => {
    const { body } = await server.graphql(ACTIVE_CAMPAIGNS_QUERY, { variables: { store: 'kanda', at: '2026-04-01' } })
    expect(body.errors).toBeUndefined()
    const campaigns = body.data.ActiveCampaigns
    expect(campaigns.map((campaign: { slug: string }) => campaign.slug)).toEqual(
      await activeSlugs('kanda', '2026-04-01'),
    )
    expect(campaigns.find((campaign: { slug: string }) => campaign.slug === 'kanda-only').targetStores).toEqual([
      { slug: 'kanda' },
    ])
  })

  it('respects the exclusive end and leaves out drafts, also for signed-in staff', async () => {
    const { body } = await server.graphql(ACTIVE_CAMPAIGNS_QUERY, {
      variables: { store: 'hakata', at: SPRING_ENDS },
      token: staffToken,
    })
    const slugs = body.data.ActiveCampaigns.map((campaign: { slug: string }) => campaign.slug)
    expect(slugs).toEqual(['hakata-only', 'tie-earlier', 'tie-later', ...SEEDED, 'summer'])
  })

  it('defaults `at` to now', async () => {
    const { body } = await server.graphql(ACTIVE_CAMPAIGNS_QUERY, { variables: { store: 'saga' } })
    expect(body.errors).toBeUndefined()
    expect(body.data.ActiveCampaigns.map((campaign: { slug: string }) => campaign.slug)).toEqual(
      expect.arrayContaining(SEEDED),
    )
  })

  it('answers a malformed `at` with a 400 naming it, and an unknown store with a 404', async () => {
    const malformed = await server.graphql(ACTIVE_CAMPAIGNS_QUERY, { variables: { store: 'kanda', at: '2026-02-30' } })
    expect(malformed.body.errors?.[0]?.extensions?.statusCode).toBe(400)
    expect(malformed.body.errors?.[0]?.extensions?.data?.errors?.[0]?.path).toBe('at')
    const unknown = await server.graphql(ACTIVE_CAMPAIGNS_QUERY, { variables: { store: 'atlantis' } })
    expect(unknown.body.errors?.[0]?.extensions?.statusCode).toBe(404)
  })
})
