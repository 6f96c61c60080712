import type { CollectionAfterReadHook } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { createStores, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let hq: SignedInUser
const ids: Record<string, string> = {}

const body = plainTextToLexical([['本文']])
const day = '2026-04-01T00:00:00+09:00'

beforeAll(async () => {
  server = await startServer()
  const { payload } = server
  const { saga } = await createStores(payload, { saga: '佐賀店' })
  ids.store = saga
  const png = await pngImage()
  const photo = await payload.create({
    collection: 'media',
    data: { alt: '修理前' },
    file: { data: png, mimetype: 'image/png', name: 'before.png', size: png.length },
    overrideAccess: true,
  })
  ids.device = (
    await payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'iPhone 0', releaseYear: 2020 },
      overrideAccess: true,
    })
  ).id
  ids.repairLog = (
    await payload.create({
      collection: 'repair-logs',
      data: {
        title: '画面交換',
        publishedAt: day,
        store: saga,
        device: ids.device,
        repairMenu: 'battery',
        body,
        beforePhotos: [photo.id],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  ids.campaign = (
    await payload.create({
      collection: 'campaigns',
      data: {
        title: 'キャンペーン 0',
        kind: 'fixed_yen_off',
        value: 1000,
        startsAt: day,
        targetStores: [saga],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  ids.article = (
    await payload.create({
      collection: 'articles',
      data: {
        title: '記事',
        slug: 'fresh-article',
        category: 'iphone_tips',
        publishedAt: day,
        store: saga,
        body,
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  hq = await signedInUser(server, 'hq')
}, 180_000)
afterAll(async () => {
  await server?.stop()
})

const json = async (path: string, init?: RequestInit) => {
  const response = await server.request(path, init)
  expect(response.status, path).toBe(200)
  return response.json()
}
const graphqlGet = (query: string) => json(`/api/graphql?query=${encodeURIComponent(query)}`)
const graphqlPost = async (query: string) => (await server.graphql(query)).body

/** One kind of change and the anonymous reads that must show it at once. */
type Round = { change: (round: number) => Promise<unknown>; reads: ((round: number) => Promise<void>)[] }

const ROUNDS: Round[] = [
  {
    // A store renamed through the Local API, read through a repair report at depth 1 (REST) and GraphQL GET.
    change: (round) =>
      server.payload.update({
        collection: 'stores',
        id: ids.store,
        data: { name: `佐賀店 ${round}` },
        overrideAccess: true,
      }),
    reads: [
      async (round) =>
        expect((await json(`/api/repair-logs/${ids.repairLog}?depth=1`)).store.name).toBe(`佐賀店 ${round}`),
      async (round) =>
        expect(
          (await graphqlGet(`{ RepairLog(id: "${ids.repairLog}") { store { name } } }`)).data.RepairLog.store.name,
        ).toBe(`佐賀店 ${round}`),
    ],
  },
  {
    // A device renamed over REST by HQ, read over REST and GraphQL POST.
    change: async (round) => {
      const response = await server.request(`/api/devices/${ids.device}`, {
        method: 'PATCH',
        token: hq.token,
        json: { model: `iPhone ${round}` },
      })
      expect(response.status).toBe(200)
    },
    reads: [
      async (round) => expect((await json(`/api/devices/${ids.device}?depth=0`)).model).toBe(`iPhone ${round}`),
      async (round) =>
        expect((await graphqlPost(`{ Device(id: "${ids.device}") { model } }`)).data.Device.model).toBe(
          `iPhone ${round}`,
        ),
      async (round) =>
        expect((await json(`/api/repair-logs?depth=1&limit=10`)).docs[0].device.model).toBe(`iPhone ${round}`),
    ],
  },
  {
    // A campaign retitled by a GraphQL mutation, read as a GraphQL GET list and over REST.
    change: async (round) => {
      const { status, body } = await server.graphql(
        `mutation { updateCampaign(id: "${ids.campaign}", data: { title: "キャンペーン ${round}" }) { id } }`,
        { token: hq.token },
      )
      expect(status, JSON.stringify(body)).toBe(200)
    },
    reads: [
      async (round) =>
        expect((await graphqlGet('{ Campaigns(limit: 5) { docs { title } } }')).data.Campaigns.docs[0].title).toBe(
          `キャンペーン ${round}`,
        ),
      async (round) => expect((await json(`/api/campaigns/${ids.campaign}`)).title).toBe(`キャンペーン ${round}`),
    ],
  },
  {
    // An article unpublished and published again through the Local API, read as a list.
    change: (round) =>
      server.payload.update({
        collection: 'articles',
        id: ids.article,
        data: { _status: round % 2 === 0 ? 'draft' : 'published' },
        overrideAccess: true,
      }),
    reads: [
      async (round) =>
        expect((await json('/api/articles?where[slug][equals]=fresh-article')).totalDocs).toBe(round % 2 === 0 ? 0 : 1),
      async (round) =>
        expect(
          (await graphqlPost('{ Articles(where: { slug: { equals: "fresh-article" } }) { totalDocs } }')).data.Articles
            .totalDocs,
        ).toBe(round % 2 === 0 ? 0 : 1),
    ],
  },
  {
    // A device created, then deleted, through the Local API, read as a count.
    change: async (round) => {
      if (round % 2 === 0)
        return server.payload.create({
          collection: 'devices',
          data: { brand: 'google', model: `Pixel ${round}`, releaseYear: 2024 },
          overrideAccess: true,
        })
      return server.payload.delete({
        collection: 'devices',
        where: { brand: { equals: 'google' } },
        overrideAccess: true,
      })
    },
    reads: [
      async (round) =>
        expect((await json('/api/devices?where[brand][equals]=google&limit=0')).totalDocs).toBe(
          round % 2 === 0 ? 1 : 0,
        ),
    ],
  },
]

describe('freshness of anonymous reads', () => {
  it('never shows a stale anonymous read in 1,000 write-then-read rounds (REST, GraphQL, Local API, related documents)', async () => {
    for (let round = 0; round < 1000; round += 1) {
      const { change, reads } = ROUNDS[round % ROUNDS.length]
      // Read first, so that what was true before the change is in the cache, then change, then read again.
      if (round >= ROUNDS.length) for (const read of reads) await read(round - ROUNDS.length)
      await change(round)
      for (const read of reads) await read(round)
    }
  }, 600_000)

  it('never keeps the older answer of a read that was in flight during a write', async () => {
    const path = `/api/stores/${ids.store}?depth=0`
    let holding: { reached: () => void; release: Promise<void> } | undefined
    // A test-only hook that holds REST reads of stores after they read the database, until released.
    const holdRestReads: CollectionAfterReadHook = async ({ doc, req }) => {
      if (holding && req.payloadAPI === 'REST') {
        holding.reached()
        await holding.release
      }
      return doc
    }
    const hooks = server.payload.collections.stores.config.hooks
    hooks.afterRead.push(holdRestReads)
    try {
      await server.payload.update({
        collection: 'stores',
        id: ids.store,
        data: { name: '変更前' },
        overrideAccess: true,
      })
      let release = () => {}
      const reached = new Promise<void>((resolve) => {
        holding = { reached: resolve, release: new Promise<void>((done) => (release = done)) }
      })
      const inFlight = server.request(path)
      await reached
      // The read has what the database held; now the change lands and returns before the read is answered.
      await server.payload.update({
        collection: 'stores',
        id: ids.store,
        data: { name: '変更後' },
        overrideAccess: true,
      })
      holding = undefined
      release()
      const older = await inFlight
      expect((await older.json()).name).toBe('変更前')
      const next = await server.request(path)
      expect(next.headers.get('x-cache')).toBe('MISS')
      expect((await next.json()).name).toBe('変更後')
      expect((await (await server.request(path)).json()).name).toBe('変更後')
    } finally {
      hooks.afterRead.splice(hooks.afterRead.indexOf(holdRestReads), 1)
    }
  })
})
