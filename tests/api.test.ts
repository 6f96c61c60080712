import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { pngImage, uploadForm } from './helpers/images'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let staffToken: string

/** Each collection with the REST slug and GraphQL list name frontends rely on. */
const COLLECTIONS = [
  { slug: 'articles', graphQL: 'Articles', field: 'title', publicRead: true },
  { slug: 'repair-logs', graphQL: 'RepairLogs', field: 'title', publicRead: true },
  { slug: 'campaigns', graphQL: 'Campaigns', field: 'title', publicRead: true },
  { slug: 'stores', graphQL: 'Stores', field: 'name', publicRead: true },
  { slug: 'prices', graphQL: 'Prices', field: 'priceYen', publicRead: true },
  { slug: 'devices', graphQL: 'Devices', field: 'model', publicRead: true },
  { slug: 'media', graphQL: 'allMedia', field: 'alt', publicRead: true },
  { slug: 'users', graphQL: 'Users', field: 'email', publicRead: false },
] as const

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const {
    docs: [saga],
  } = await server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } })
  const staff = await createUser(server.payload, 'staff', { stores: [saga.id] })
  staffToken = await server.login(staff.email, staff.password)
  const upload = await server.request('/api/media', {
    method: 'POST',
    token: staffToken,
    body: uploadForm(await pngImage(), 'shop-front.png', 'image/png', { alt: '店舗の外観' }),
  })
  expect(upload.status).toBe(201)
})
afterAll(async () => {
  await server?.stop()
})

describe.each(COLLECTIONS)('$slug over REST and GraphQL', ({ slug, graphQL, field, publicRead }) => {
  it(`lists ${slug} over REST with string IDs${publicRead ? ' to the public' : ' to signed-in users only'}`, async () => {
    const anonymous = await server.request(`/api/${slug}`)
    const signedIn = await server.request(`/api/${slug}`, { token: staffToken })
    expect(signedIn.status).toBe(200)
    const { docs } = await signedIn.json()
    expect(docs.length).toBeGreaterThan(0)
    for (const doc of docs) expect(typeof doc.id).toBe('string')
    if (publicRead) {
      expect(anonymous.status).toBe(200)
      expect((await anonymous.json()).docs.length).toBeGreaterThan(0)
    } else {
      expect(anonymous.status).toBe(403)
    }
  })

  it(`reads one ${slug} by ID over REST`, async () => {
    const { docs } = await (await server.request(`/api/${slug}?limit=1`, { token: staffToken })).json()
    const response = await server.request(`/api/${slug}/${docs[0].id}`, { token: staffToken })
    expect(response.status).toBe(200)
    expect((await response.json()).id).toBe(docs[0].id)
  })

  it(`lists ${slug} over GraphQL as ${graphQL} with string IDs`, async () => {
    const query = `{ ${graphQL} { docs { id ${field} } } }`
    const signedIn = await server.graphql(query, { token: staffToken })
    expect(signedIn.body.errors).toBeUndefined()
    const docs = signedIn.body.data[graphQL].docs
    expect(docs.length).toBeGreaterThan(0)
    for (const doc of docs) expect(typeof doc.id).toBe('string')
    const anonymous = await server.graphql(query)
    if (publicRead) expect(anonymous.body.data[graphQL].docs.length).toBe(docs.length)
    else expect(anonymous.body.errors?.[0]?.extensions?.statusCode).toBe(403)
  })

  it(`refuses to create ${slug} without a signed-in user`, async () => {
    const before = await server.payload.count({ collection: slug, overrideAccess: true })
    const response = await server.request(`/api/${slug}`, { method: 'POST', json: { [field]: 'x' } })
    expect(response.status).toBe(403)
    expect((await server.payload.count({ collection: slug, overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })
})

describe('the seeded content over the APIs', () => {
  it('returns the 7pay article over REST by slug, body as Lexical JSON', async () => {
    const response = await server.request('/api/articles?where[slug][equals]=2019-07-18-7pay&depth=1')
    const { docs } = await response.json()
    expect(docs).toHaveLength(1)
    expect(docs[0].title).toBe('セブン-イレブンで利用可能なコード決済「7pay」')
    expect(docs[0].store.name).toBe('スマホスピタル佐賀駅前店')
    expect(docs[0].body.root.children).toHaveLength(11)
  })

  it('returns the three repair reports over GraphQL, newest first, with device and store', async () => {
    const { body } = await server.graphql(
      '{ RepairLogs(sort: "-publishedAt") { docs { title publishedAt repairMenu device { model } store { slug } } } }',
    )
    expect(body.errors).toBeUndefined()
    const docs = body.data.RepairLogs.docs
    expect(docs.map((doc: { publishedAt: string }) => doc.publishedAt)).toEqual([
      '2020-11-26T15:00:00.000Z',
      '2020-11-25T15:00:00.000Z',
      '2020-11-24T15:00:00.000Z',
    ])
    expect(docs.map((doc: { device: { model: string } }) => doc.device.model)).toEqual([
      'iPhone 8',
      'iPhone 7',
      'iPhone X',
    ])
    expect(docs.every((doc: { store: { slug: string } }) => doc.store.slug === 'saga')).toBe(true)
  })
})

describe('drafts stay invisible to the public', () => {
  let draftId: string
  let publishedId: string

  beforeAll(async () => {
    const [{ docs: stores }, { docs: devices }] = await Promise.all([
      server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } }),
      server.payload.find({ collection: 'devices', limit: 1 }),
    ])
    const base = {
      store: stores[0].id,
      device: devices[0].id,
      repairMenu: 'battery' as const,
      publishedAt: new Date().toISOString(),
      publishedAt_tz: 'Asia/Tokyo' as const,
      body: plainTextToLexical([['バッテリーが膨らんでいました。']]),
    }
    const draft = await server.payload.create({
      collection: 'repair-logs',
      data: { ...base, title: '下書きの修理ブログ', _status: 'draft' },
      draft: true,
    })
    draftId = draft.id
    const published = await server.payload.create({
      collection: 'repair-logs',
      data: { ...base, title: '公開済みの修理ブログ', _status: 'published' },
    })
    publishedId = published.id
    await server.payload.update({
      collection: 'repair-logs',
      id: publishedId,
      data: { title: '未公開の修正' },
      draft: true,
    })
  })

  it('leaves a draft out of the public REST list, even when it asks for drafts', async () => {
    for (const query of ['', '?draft=true', '?draft=true&where[_status][equals]=draft']) {
      const { docs } = await (await server.request(`/api/repair-logs${query}`)).json()
      expect(docs.map((doc: { id: string }) => doc.id)).not.toContain(draftId)
    }
  })

  it('answers 404 to the public for a draft by ID', async () => {
    expect((await server.request(`/api/repair-logs/${draftId}`)).status).toBe(404)
    expect((await server.request(`/api/repair-logs/${draftId}?draft=true`)).status).toBe(404)
  })

  it('shows the public the published version, not the newer draft', async () => {
    const response = await server.request(`/api/repair-logs/${publishedId}?draft=true`)
    expect((await response.json()).title).toBe('公開済みの修理ブログ')
    const { body } = await server.graphql(`{ RepairLog(id: "${publishedId}", draft: true) { title } }`)
    expect(body.data.RepairLog.title).toBe('公開済みの修理ブログ')
  })

  it('hides drafts over GraphQL, by list and by ID', async () => {
    const { body: list } = await server.graphql('{ RepairLogs(draft: true, limit: 100) { docs { id } } }')
    expect(list.data.RepairLogs.docs.map((doc: { id: string }) => doc.id)).not.toContain(draftId)
    const { body: one } = await server.graphql(`{ RepairLog(id: "${draftId}", draft: true) { id } }`)
    expect(one.data?.RepairLog ?? null).toBeNull()
  })

  it('shows the draft to staff of its store', async () => {
    const response = await server.request(`/api/repair-logs/${draftId}?draft=true`, { token: staffToken })
    expect(response.status).toBe(200)
    expect((await response.json()).title).toBe('下書きの修理ブログ')
  })

  it('keeps versions of each published change', async () => {
    const response = await server.request(`/api/repair-logs/versions?where[parent][equals]=${publishedId}`, {
      token: staffToken,
    })
    expect(response.status).toBe(200)
    expect((await response.json()).totalDocs).toBeGreaterThanOrEqual(2)
  })
})
