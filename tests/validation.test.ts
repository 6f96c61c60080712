import type { CollectionSlug } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let token: string
const ids: Record<string, string> = {}

/** A valid document of each collection; each case below breaks exactly one field of it. */
const validData = (): Record<string, Record<string, unknown>> => ({
  stores: {
    name: 'テスト店',
    postalCode: '100-0001',
    prefecture: 'tokyo',
    city: '千代田区',
    addressLine: '千代田1-1',
    phone: '03-1234-5678',
    openingHours: [{ days: ['mon'], opens: '10:00', closes: '19:00' }],
  },
  prices: { device: ids.device, repairMenu: 'screen', priceYen: 9800, validFrom: '2026-01-01T00:00:00+09:00' },
  campaigns: {
    title: 'テストキャンペーン',
    kind: 'percent_off',
    value: 10,
    startsAt: '2026-01-01T00:00:00+09:00',
    endsAt: '2026-02-01T00:00:00+09:00',
  },
  devices: { brand: 'samsung', model: 'Galaxy Z Flip6', releaseYear: 2024 },
  articles: { title: 'テスト記事', store: ids.store, body: plainTextToLexical([['本文']]), _status: 'published' },
  'repair-logs': {
    title: 'テスト修理',
    store: ids.store,
    device: ids.device,
    repairMenu: 'battery',
    body: plainTextToLexical([['本文']]),
    _status: 'published',
  },
})

type Case = { collection: CollectionSlug; path: string; data: Record<string, unknown>; why: string }

const CASES: Case[] = [
  { collection: 'stores', path: 'postalCode', data: { postalCode: '840-08011' }, why: 'postal code of eight digits' },
  { collection: 'stores', path: 'postalCode', data: { postalCode: '840' }, why: 'postal code too short' },
  { collection: 'stores', path: 'phone', data: { phone: '0952-30-225' }, why: 'phone number one digit short' },
  { collection: 'stores', path: 'phone', data: { phone: '+1 212 555 0100' }, why: 'phone number outside Japan' },
  {
    collection: 'stores',
    path: 'bookingUrl',
    data: { bookingUrl: 'http://booking.example.com/saga' },
    why: 'booking URL over plain http',
  },
  {
    collection: 'stores',
    path: 'bookingUrl',
    data: { bookingUrl: 'javascript:alert(1)' },
    why: 'booking URL that is script',
  },
  { collection: 'stores', path: 'email', data: { email: 'info-at-example.com' }, why: 'email without @' },
  {
    collection: 'stores',
    path: 'email',
    data: { email: 'info@saga..example.jp' },
    why: "email GraphQL's EmailAddress would refuse to answer",
  },
  {
    collection: 'stores',
    path: 'email',
    data: { email: `${'a'.repeat(250)}@example.jp` },
    why: 'email longer than mail carries',
  },
  {
    collection: 'stores',
    path: 'openingHours.0.opens',
    data: { openingHours: [{ days: ['mon'], opens: '25:00', closes: '19:00' }] },
    why: 'opening time 25:00',
  },
  { collection: 'stores', path: 'latitude', data: { latitude: 123 }, why: 'latitude beyond 90' },
  { collection: 'stores', path: 'prefecture', data: { prefecture: 'atlantis' }, why: 'unknown prefecture' },
  { collection: 'stores', path: 'slug', data: { slug: 'saga' }, why: 'slug already taken' },
  { collection: 'stores', path: 'name', data: { name: null }, why: 'missing name' },
  { collection: 'prices', path: 'priceYen', data: { priceYen: -1 }, why: 'negative price' },
  { collection: 'prices', path: 'priceYen', data: { priceYen: 9800.5 }, why: 'price with sen' },
  { collection: 'prices', path: 'priceYen', data: { priceYen: null }, why: 'missing price' },
  {
    collection: 'prices',
    path: 'validUntil',
    data: { validUntil: '2025-12-31T00:00:00+09:00' },
    why: 'valid until before valid from',
  },
  { collection: 'campaigns', path: 'endsAt', data: { endsAt: '2025-12-31T00:00:00+09:00' }, why: 'end before start' },
  { collection: 'campaigns', path: 'endsAt', data: { endsAt: '2026-01-01T00:00:00+09:00' }, why: 'end equal to start' },
  { collection: 'campaigns', path: 'value', data: { value: 150 }, why: 'percent off above 100' },
  {
    collection: 'campaigns',
    path: 'value',
    data: { kind: 'fixed_yen_off', value: null },
    why: 'yen-off campaign without a value',
  },
  { collection: 'campaigns', path: 'kind', data: { kind: 'lottery' }, why: 'unknown kind' },
  { collection: 'devices', path: 'releaseYear', data: { releaseYear: 2017.5 }, why: 'fractional release year' },
  { collection: 'devices', path: 'model', data: { model: 'iPhone 8' }, why: 'model already in the catalogue' },
  { collection: 'articles', path: 'title', data: { title: '' }, why: 'empty title' },
  { collection: 'articles', path: 'slug', data: { slug: '2019-07-18-7pay' }, why: 'slug already taken' },
  { collection: 'repair-logs', path: 'repairMenu', data: { repairMenu: 'magic' }, why: 'unknown repair menu' },
  { collection: 'repair-logs', path: 'device', data: { device: null }, why: 'missing device' },
]

type ErrorBody = {
  errors: Array<{ name: string; message: string; data?: { errors: Array<{ path: string; message: string }> } }>
}

const fieldErrors = (body: ErrorBody) => body.errors.flatMap((error) => error.data?.errors ?? [])

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const user = await createUser(server.payload, 'admin')
  token = await server.login(user.email, user.password)
  const [store, device] = await Promise.all([
    server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } }),
    server.payload.find({ collection: 'devices', where: { slug: { equals: 'iphone-8' } } }),
  ])
  ids.store = store.docs[0].id
  ids.device = device.docs[0].id
})
afterAll(async () => {
  await server?.stop()
})

describe('every valid base document is accepted', () => {
  it.each(Object.keys(validData()))('creates a valid %s', async (collection) => {
    const response = await server.request(`/api/${collection}`, {
      method: 'POST',
      token,
      json: validData()[collection],
    })
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201)
    await server.payload.delete({
      collection: collection as CollectionSlug,
      id: (await response.json()).doc.id,
      overrideAccess: true,
    })
  })
})

describe.each(CASES)('$collection refuses $why', ({ collection, path, data }) => {
  const invalid = () => ({ ...validData()[collection], ...data })

  it(`answers a REST create with 400 naming "${path}", and stores nothing`, async () => {
    const before = await server.payload.count({ collection, overrideAccess: true })
    const response = await server.request(`/api/${collection}`, { method: 'POST', token, json: invalid() })
    expect(response.status).toBe(400)
    const errors = fieldErrors(await response.json())
    expect(errors.map((error) => error.path)).toContain(path)
    expect(errors.find((error) => error.path === path)?.message).toMatch(/\S/)
    expect((await server.payload.count({ collection, overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it(`answers a REST update with 400 naming "${path}", and keeps the document as it was`, async () => {
    const created = await server.payload.create({
      collection,
      data: { ...validData()[collection], slug: undefined } as never,
      overrideAccess: true,
    })
    const response = await server.request(`/api/${collection}/${created.id}`, {
      method: 'PATCH',
      token,
      json: invalid(),
    })
    expect(response.status).toBe(400)
    expect(fieldErrors(await response.json()).map((error) => error.path)).toContain(path)
    const after = await server.payload.findByID({ collection, id: created.id, overrideAccess: true, depth: 0 })
    expect((after as { updatedAt: string }).updatedAt).toBe((created as { updatedAt: string }).updatedAt)
    await server.payload.delete({ collection, id: created.id, overrideAccess: true })
  })
})

describe('validation messages', () => {
  it('answer in Japanese by default and in English when asked', async () => {
    const json = { ...validData().stores, postalCode: '12-345' }
    const japanese = fieldErrors(await (await server.request('/api/stores', { method: 'POST', token, json })).json())
    expect(japanese.find((error) => error.path === 'postalCode')?.message).toBe(
      '郵便番号は「840-0801」のように7桁で入力してください。',
    )
    const english = fieldErrors(
      await (
        await server.request('/api/stores', { method: 'POST', token, json, headers: { 'Accept-Language': 'en' } })
      ).json(),
    )
    expect(english.find((error) => error.path === 'postalCode')?.message).toBe(
      'Postal code must be seven digits, like 840-0801.',
    )
  })

  it('come back through GraphQL mutations too, with nothing stored', async () => {
    const before = await server.payload.count({ collection: 'prices', overrideAccess: true })
    const { body } = await server.graphql(
      `mutation ($device: String!) { createPrice(data: { device: $device, repairMenu: screen, priceYen: -500, validFrom: "2026-01-01T00:00:00+09:00" }) { id } }`,
      { variables: { device: ids.device }, token },
    )
    expect(body.errors?.[0]?.extensions?.statusCode, JSON.stringify(body)).toBe(400)
    expect(body.errors?.[0]?.extensions?.data?.errors?.map((error: { path: string }) => error.path)).toContain(
      'priceYen',
    )
    expect((await server.payload.count({ collection: 'prices', overrideAccess: true })).totalDocs).toBe(
      before.totalDocs,
    )
  })
})

describe('input as staff type it is normalised before it is judged', () => {
  it.each([
    ['postalCode', '８４０－０８０１', '840-0801'],
    ['postalCode', '〒8400801', '840-0801'],
    ['phone', '０９５２ー３０ー２２５５', '0952-30-2255'],
    ['phone', '0952302255', '0952-30-2255'],
    ['phone', '+81 90 1234 5678', '090-1234-5678'],
  ])('stores %s typed as %s as %s', async (field, typed, stored) => {
    const response = await server.request('/api/stores', {
      method: 'POST',
      token,
      json: { ...validData().stores, [field]: typed },
    })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    expect(doc[field]).toBe(stored)
    await server.payload.delete({ collection: 'stores', id: doc.id, overrideAccess: true })
  })

  it('makes a URL-safe, unique, dated slug from a Japanese title', async () => {
    const json = {
      ...validData()['repair-logs'],
      title: 'バッテリーが膨らんだiPhone 8',
      publishedAt: '2026-03-01T10:00:00+09:00',
    }
    const first = await (await server.request('/api/repair-logs', { method: 'POST', token, json })).json()
    const second = await (await server.request('/api/repair-logs', { method: 'POST', token, json })).json()
    expect(first.doc.slug).toBe('2026-03-01-iphone-8')
    expect(second.doc.slug).toBe('2026-03-01-iphone-8-2')
  })
})
