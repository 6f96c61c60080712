import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isTimeZoneCompanion, selectFields } from '../../src/lib/selectFields'
import { createStores } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let campaignId: string
let priceId: string

beforeAll(async () => {
  server = await startServer()
  const { saga } = await createStores(server.payload, { saga: '佐賀店' })
  const device = await server.payload.create({
    collection: 'devices',
    data: { brand: 'apple', model: 'iPhone 12' },
    overrideAccess: true,
  })
  const published = { _status: 'published' as const }
  campaignId = (
    await server.payload.create({
      collection: 'campaigns',
      data: {
        title: '下取りキャンペーン',
        slug: 'trade-in',
        kind: 'trade_in',
        startsAt: '2026-04-01T00:00:00+09:00',
        targetStores: [saga],
        ...published,
      },
      overrideAccess: true,
    })
  ).id
  priceId = (
    await server.payload.create({
      collection: 'prices',
      data: {
        device: device.id,
        repairMenu: 'back_glass',
        priceYen: 12800,
        validFrom: '2026-04-01T00:00:00+09:00',
        ...published,
      },
      overrideAccess: true,
    })
  ).id
})
afterAll(async () => {
  await server?.stop()
})

/** A code GraphQL can return as it is: an enum name holds letters, digits and underscores only. */
const ONE_SPELLING = /^[a-z][a-z0-9_]*$/

describe('every code has one spelling on REST and GraphQL', () => {
  it('every select and radio option of every collection and global is a lower-case code GraphQL spells the same', () => {
    const { collections, globals } = server.payload.config
    const owners = [...collections, ...globals]
    const fields = owners.flatMap(({ slug, fields }) => selectFields(fields).map((field) => ({ slug, field })))
    // The walk reaches nested fields too: the weekdays inside the rows of the opening hours.
    expect(fields.map(({ slug, field }) => `${slug}.${field.path}`)).toEqual(
      expect.arrayContaining(['stores.openingHours.days', 'campaigns.kind', 'prices.repairMenu']),
    )
    const misspelt = fields
      // Payload's own collections (jobs name their tasks in camelCase; none is served to the public) and the
      // time-zone companions of dates (IANA names such as Asia/Tokyo, always the chain's zone) are not our codes.
      .filter(({ slug, field }) => !slug.startsWith('payload-') && !isTimeZoneCompanion(field))
      .flatMap(({ slug, field }) =>
        field.options
          .filter(({ value }) => !ONE_SPELLING.test(value))
          .map(({ value }) => `${slug}.${field.path}: ${value}`),
      )
    expect(misspelt).toEqual([])
  })

  it("a campaign's kind and a price's repair menu read the same over REST and GraphQL", async () => {
    const campaign = await (await server.request(`/api/campaigns/${campaignId}`)).json()
    const price = await (await server.request(`/api/prices/${priceId}`)).json()
    const { body } = await server.graphql<{ Campaign: { kind: string; slug: string }; Price: { repairMenu: string } }>(
      `{ Campaign(id: "${campaignId}") { kind slug } Price(id: "${priceId}") { repairMenu } }`,
    )
    expect(body.errors).toBeUndefined()
    expect([campaign.kind, price.repairMenu]).toEqual(['trade_in', 'back_glass'])
    expect([body.data?.Campaign.kind, body.data?.Price.repairMenu]).toEqual([campaign.kind, price.repairMenu])
    // A slug is not a code: it keeps its hyphens on both APIs.
    expect([campaign.slug, body.data?.Campaign.slug]).toEqual(['trade-in', 'trade-in'])
  })
})
