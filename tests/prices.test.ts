import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Price } from '../src/payload-types'

import { seed } from '../seed/seed'
import { jstDay } from '../src/lib/jst'
import { createStores } from './helpers/fixtures'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let adminToken: string
const storeIds: Record<string, string> = {}
const deviceIds: Record<string, string> = {}
/** The rows this file adds to the seed's chain-wide sample prices (all valid from 2020-11-01). */
const rows: Record<string, Price> = {}

type MenuJson = {
  repairMenu: string
  priceYen: number
  source: 'chain' | 'store'
  priceId: string
  validFrom: string
  validUntil: string | null
  isSample: boolean
}
type DeviceJson = { id: string; slug: string; model: string; brand: string; menus: MenuJson[] }
type HistoryJson = {
  id: string
  repairMenu: string
  priceYen: number
  source: string
  validFrom: string
  effectiveToday: boolean
}

const priceList = async (store: string, query = '', headers: Record<string, string> = {}) => {
  const response = await server.request(`/api/stores/${store}/prices${query}`, { headers })
  return { response, body: await response.json() }
}

/** A price list as model → [menu, yen, source], which states a whole list in one line. */
const summary = (devices: DeviceJson[]) =>
  devices.map((device) => [device.model, device.menus.map((menu) => [menu.repairMenu, menu.priceYen, menu.source])])

const charged = async (store: string, date: string, device: string, repairMenu: string) => {
  const { response, body } = await priceList(store, `?date=${date}`)
  expect(response.status).toBe(200)
  const menu = (body.devices as DeviceJson[])
    .find((entry) => entry.slug === device)
    ?.menus.find((entry) => entry.repairMenu === repairMenu)
  return menu && { priceYen: menu.priceYen, source: menu.source }
}

const history = async (store: string, device: string) => {
  const response = await server.request(`/api/stores/${store}/prices/history?device=${device}`)
  return { response, body: await response.json() }
}

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const admin = await createUser(server.payload, 'admin')
  adminToken = await server.login(admin.email, admin.password)

  Object.assign(storeIds, await createStores(server.payload, { kanda: '神田店', hakata: '博多店' }))
  for (const slug of ['iphone-7', 'iphone-8', 'iphone-x', 'pixel-9']) {
    deviceIds[slug] = (
      await server.payload.find({ collection: 'devices', where: { slug: { equals: slug } } })
    ).docs[0].id
  }

  const add = async (
    name: string,
    row: {
      device: string
      menu: Price['repairMenu']
      yen: number
      store?: string
      from: string
      until?: string
      draft?: boolean
    },
  ) => {
    const status = row.draft ? 'draft' : 'published'
    rows[name] = await server.payload.create({
      collection: 'prices',
      data: {
        device: deviceIds[row.device],
        repairMenu: row.menu,
        priceYen: row.yen,
        store: row.store && storeIds[row.store],
        validFrom: row.from,
        validUntil: row.until,
        _status: status,
      },
      draft: row.draft,
      overrideAccess: true,
    })
  }
  await add('chainIphone8ScreenFromApril', {
    device: 'iphone-8',
    menu: 'screen',
    yen: 10800,
    from: '2026-04-01T00:00:00+09:00',
  })
  await add('kandaIphone8ScreenUntilMay', {
    device: 'iphone-8',
    menu: 'screen',
    yen: 8800,
    store: 'kanda',
    from: '2026-01-01T00:00:00+09:00',
    until: '2026-05-01T00:00:00+09:00',
  })
  await add('kandaIphoneXBatteryFebruary', {
    device: 'iphone-x',
    menu: 'battery',
    yen: 7000,
    store: 'kanda',
    from: '2026-02-01T00:00:00+09:00',
  })
  await add('kandaIphoneXBatteryMarch', {
    device: 'iphone-x',
    menu: 'battery',
    yen: 6500,
    store: 'kanda',
    from: '2026-03-01T00:00:00+09:00',
  })
  await add('kandaIphone8BatteryDraft', {
    device: 'iphone-8',
    menu: 'battery',
    yen: 1000,
    store: 'kanda',
    from: '2026-01-01T00:00:00+09:00',
    draft: true,
  })
  await add('hakataIphone7Battery', {
    device: 'iphone-7',
    menu: 'battery',
    yen: 5000,
    store: 'hakata',
    from: '2026-01-01T00:00:00+09:00',
  })
  // Battery first, so the menu order of the answer cannot come from insertion.
  await add('chainPixelBattery', { device: 'pixel-9', menu: 'battery', yen: 5500, from: '2026-01-01T00:00:00+09:00' })
  await add('chainPixelScreen', { device: 'pixel-9', menu: 'screen', yen: 12000, from: '2026-01-01T00:00:00+09:00' })
  // Noon JST is what the admin's day picker stores for a chosen day.
  await add('chainIphone7BatteryFromJuneNoon', {
    device: 'iphone-7',
    menu: 'battery',
    yen: 7200,
    from: '2026-06-01T12:00:00+09:00',
  })
  await add('chainIphoneXScreenJanuaryOnly', {
    device: 'iphone-x',
    menu: 'screen',
    yen: 15800,
    from: '2026-01-01T00:00:00+09:00',
    until: '2026-02-01T00:00:00+09:00',
  })
  await add('chainIphone8ScreenFuture', {
    device: 'iphone-8',
    menu: 'screen',
    yen: 12800,
    from: '2099-01-01T00:00:00+09:00',
  })
})
afterAll(async () => {
  await server?.stop()
})

describe('GET /api/stores/:slug/prices', () => {
  it('gives one price per device and menu, store overrides before chain-wide rows, grouped by device in model order', async () => {
    const { response, body } = await priceList('kanda', '?date=2026-04-01')
    expect(response.status).toBe(200)
    expect(body.store).toEqual({ id: storeIds.kanda, slug: 'kanda', name: '神田店' })
    expect(body.date).toBe('2026-04-01')
    expect(summary(body.devices)).toEqual([
      [
        'iPhone 7',
        [
          ['screen', 8800, 'chain'],
          ['battery', 6600, 'chain'],
        ],
      ],
      [
        'iPhone 8',
        [
          ['screen', 8800, 'store'],
          ['battery', 6600, 'chain'],
        ],
      ],
      [
        'iPhone X',
        [
          ['screen', 16800, 'chain'],
          ['battery', 6500, 'store'],
        ],
      ],
      [
        'Pixel 9',
        [
          ['screen', 12000, 'chain'],
          ['battery', 5500, 'chain'],
        ],
      ],
    ])
  })

  it('names each device and the row each price comes from', async () => {
    const { body } = await priceList('kanda', '?date=2026-04-01')
    const iphone8 = (body.devices as DeviceJson[]).find((device) => device.slug === 'iphone-8')
    expect(iphone8).toMatchObject({ id: deviceIds['iphone-8'], slug: 'iphone-8', model: 'iPhone 8', brand: 'apple' })
    const override = rows.kandaIphone8ScreenUntilMay
    expect(iphone8?.menus[0]).toEqual({
      repairMenu: 'screen',
      priceYen: 8800,
      source: 'store',
      priceId: override.id,
      validFrom: override.validFrom,
      validUntil: override.validUntil,
      isSample: false,
    })
    expect(iphone8?.menus[1]).toMatchObject({
      repairMenu: 'battery',
      source: 'chain',
      isSample: true,
      validUntil: null,
    })
  })

  it("never shows another store's override or a draft", async () => {
    const { body } = await priceList('hakata', '?date=2026-04-01')
    expect(summary(body.devices)).toEqual([
      [
        'iPhone 7',
        [
          ['screen', 8800, 'chain'],
          ['battery', 5000, 'store'],
        ],
      ],
      [
        'iPhone 8',
        [
          ['screen', 10800, 'chain'],
          ['battery', 6600, 'chain'],
        ],
      ],
      [
        'iPhone X',
        [
          ['screen', 16800, 'chain'],
          ['battery', 7700, 'chain'],
        ],
      ],
      [
        'Pixel 9',
        [
          ['screen', 12000, 'chain'],
          ['battery', 5500, 'chain'],
        ],
      ],
    ])
    expect(await charged('kanda', '2026-04-01', 'iphone-8', 'battery')).toEqual({ priceYen: 6600, source: 'chain' })
  })

  it.each([
    [
      'a later chain-wide row supersedes the earlier one from its first day',
      'hakata',
      'iphone-8',
      'screen',
      [
        ['2026-03-31', 9800, 'chain'],
        ['2026-04-01', 10800, 'chain'],
      ],
    ],
    [
      'a later override supersedes the earlier override',
      'kanda',
      'iphone-x',
      'battery',
      [
        ['2026-02-15', 7000, 'store'],
        ['2026-03-01', 6500, 'store'],
      ],
    ],
    [
      'an override wins over a newer chain-wide row until its validUntil, which is exclusive',
      'kanda',
      'iphone-8',
      'screen',
      [
        ['2026-04-30', 8800, 'store'],
        ['2026-05-01', 10800, 'chain'],
      ],
    ],
    [
      'an expired chain-wide row gives way to the earlier open-ended one',
      'saga',
      'iphone-x',
      'screen',
      [
        ['2026-01-31', 15800, 'chain'],
        ['2026-02-01', 16800, 'chain'],
      ],
    ],
    [
      'a row stored at noon JST by the day picker counts from its whole day',
      'saga',
      'iphone-7',
      'battery',
      [
        ['2026-05-31', 6600, 'chain'],
        ['2026-06-01', 7200, 'chain'],
      ],
    ],
  ] as const)('%s', async (_rule, store, device, menu, days) => {
    for (const [date, priceYen, source] of days) {
      expect(await charged(store, date, device, menu), `${store} ${device} ${menu} on ${date}`).toEqual({
        priceYen,
        source,
      })
    }
  })

  it('lists a device only once it has a price on the day', async () => {
    const { body } = await priceList('saga', '?date=2025-12-31')
    expect((body.devices as DeviceJson[]).map((device) => device.slug)).toEqual(['iphone-7', 'iphone-8', 'iphone-x'])
  })

  it('defaults to today in Japan, with cache headers for public content', async () => {
    const { response, body } = await priceList('saga')
    expect(response.status).toBe(200)
    expect(body.date).toBe(jstDay(new Date()))
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    expect(summary(body.devices)).toEqual(summary((await priceList('saga', `?date=${body.date}`)).body.devices))
  })

  it('answers 404 for an unknown store', async () => {
    const { response, body } = await priceList('atlantis', '?date=2026-04-01')
    expect(response.status).toBe(404)
    expect(body.errors[0].message).toContain('atlantis')
  })

  it.each(['2026-4-1', '2026-02-29', '2026-04-01T00:00:00+09:00', 'today', ''])(
    'answers 400 naming `date` for date=%j',
    async (date) => {
      const { response, body } = await priceList('kanda', `?date=${encodeURIComponent(date)}`, {
        'Accept-Language': 'en',
      })
      expect(response.status).toBe(400)
      expect(body.errors[0].data.errors).toEqual([
        { path: 'date', message: 'date must be a day written YYYY-MM-DD (e.g. 2026-04-01).' },
      ])
    },
  )
})

describe('StorePriceList over GraphQL', () => {
  const QUERY = `query ($store: String!, $date: String) {
    StorePriceList(store: $store, date: $date) {
      date
      store { slug name }
      devices { id slug model brand menus { repairMenu priceYen source priceId validFrom validUntil isSample } }
    }
  }`

  it('answers the same list as REST', async () => {
    const { body } = await server.graphql(QUERY, { variables: { store: 'kanda', date: '2026-04-01' } })
    expect(body.errors).toBeUndefined()
    const rest = await priceList('kanda', '?date=2026-04-01')
    expect(body.data.StorePriceList).toEqual({
      date: '2026-04-01',
      store: { slug: 'kanda', name: '神田店' },
      devices: rest.body.devices,
    })
  })

  it('answers a malformed date with a 400 naming it, and an unknown store with a 404', async () => {
    const malformed = await server.graphql(QUERY, { variables: { store: 'kanda', date: '2026/04/01' } })
    expect(malformed.body.errors?.[0]?.extensions?.statusCode).toBe(400)
    expect(malformed.body.errors?.[0]?.extensions?.data?.errors?.[0]?.path).toBe('date')
    const unknown = await server.graphql(QUERY, { variables: { store: 'atlantis' } })
    expect(unknown.body.errors?.[0]?.extensions?.statusCode).toBe(404)
  })
})

describe('GET /api/stores/:slug/prices/history', () => {
  it("lists every published chain-wide row and the store's overrides of the device, oldest first, marking today's", async () => {
    const { response, body } = await history('kanda', 'iphone-8')
    expect(response.status).toBe(200)
    expect(body.today).toBe(jstDay(new Date()))
    expect(body.device).toEqual({ id: deviceIds['iphone-8'], slug: 'iphone-8', model: 'iPhone 8', brand: 'apple' })
    expect(
      (body.prices as HistoryJson[]).map((row) => [row.repairMenu, row.priceYen, row.source, row.effectiveToday]),
    ).toEqual([
      ['screen', 9800, 'chain', false],
      ['battery', 6600, 'chain', true],
      ['screen', 8800, 'store', false],
      ['screen', 10800, 'chain', true],
      ['screen', 12800, 'chain', false],
    ])
    expect(body.prices[3]).toMatchObject({
      id: rows.chainIphone8ScreenFromApril.id,
      validFrom: '2026-03-31T15:00:00.000Z',
    })
  })

  it("leaves out other stores' overrides", async () => {
    const { body } = await history('hakata', 'iphone-8')
    expect((body.prices as HistoryJson[]).map((row) => row.priceYen)).toEqual([9800, 6600, 10800, 12800])
  })

  it('answers 400 without a device, 404 for an unknown device or store', async () => {
    const missing = await server.request('/api/stores/kanda/prices/history')
    expect(missing.status).toBe(400)
    expect((await missing.json()).errors[0].data.errors[0].path).toBe('device')
    expect((await history('kanda', 'nokia-3310')).response.status).toBe(404)
    expect((await history('atlantis', 'iphone-8')).response.status).toBe(404)
  })
})

describe('a published price is evidence: never edited or deleted', () => {
  const stored = (id: string, draft = false) =>
    server.payload.findByID({ collection: 'prices', id, draft, depth: 0, overrideAccess: true })

  it('refuses a REST PATCH with 403, explains why, and changes nothing', async () => {
    const price = rows.chainIphone8ScreenFromApril
    const response = await server.request(`/api/prices/${price.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { priceYen: 1 },
    })
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toContain('公開済みの価格は変更できません')
    const after = await stored(price.id)
    expect([after.priceYen, after.updatedAt]).toEqual([price.priceYen, price.updatedAt])
  })

  it('explains it in English when asked', async () => {
    const response = await server.request(`/api/prices/${rows.chainPixelScreen.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { priceYen: 1 },
      headers: { 'Accept-Language': 'en' },
    })
    expect((await response.json()).errors[0].message).toMatch(/^A published price cannot be changed/)
  })

  it('refuses unpublishing and saving a draft over it', async () => {
    const price = rows.chainPixelScreen
    const unpublish = await server.request(`/api/prices/${price.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { _status: 'draft' },
    })
    expect(unpublish.status).toBe(403)
    const draft = await server.request(`/api/prices/${price.id}?draft=true`, {
      method: 'PATCH',
      token: adminToken,
      json: { priceYen: 1 },
    })
    expect(draft.status).toBe(403)
    expect((await stored(price.id, true)).priceYen).toBe(12000)
    expect((await stored(price.id))._status).toBe('published')
  })

  it('refuses a REST DELETE, one by ID or in bulk, and keeps the row', async () => {
    const price = rows.chainPixelBattery
    expect((await server.request(`/api/prices/${price.id}`, { method: 'DELETE', token: adminToken })).status).toBe(403)
    const bulk = await server.request(`/api/prices?where[id][equals]=${price.id}`, {
      method: 'DELETE',
      token: adminToken,
    })
    expect(bulk.status).toBe(400)
    expect((await bulk.json()).errors).toEqual([
      expect.objectContaining({ id: price.id, message: expect.stringContaining('公開済みの価格は削除できません') }),
    ])
    expect((await stored(price.id)).priceYen).toBe(5500)
  })

  it('refuses GraphQL updates and deletes', async () => {
    const id = rows.hakataIphone7Battery.id
    const update = await server.graphql(
      `mutation ($id: String!) { updatePrice(id: $id, data: { priceYen: 1 }) { id } }`,
      { variables: { id }, token: adminToken },
    )
    expect(update.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    const remove = await server.graphql(`mutation ($id: String!) { deletePrice(id: $id) { id } }`, {
      variables: { id },
      token: adminToken,
    })
    expect(remove.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect((await stored(id)).priceYen).toBe(5000)
  })

  it('holds for scripts on the Local API too, whatever their access', async () => {
    const id = rows.kandaIphoneXBatteryMarch.id
    await expect(
      server.payload.update({ collection: 'prices', id, data: { priceYen: 1 }, overrideAccess: true }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(server.payload.delete({ collection: 'prices', id, overrideAccess: true })).rejects.toMatchObject({
      status: 403,
    })
    expect((await stored(id)).priceYen).toBe(6500)
  })

  it('refuses restoring an earlier draft version over a published row', async () => {
    const draft = await server.payload.create({
      collection: 'prices',
      data: {
        device: deviceIds['iphone-7'],
        repairMenu: 'camera',
        priceYen: 100,
        validFrom: '2026-07-01T00:00:00+09:00',
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    await server.payload.update({
      collection: 'prices',
      id: draft.id,
      data: { priceYen: 4400, _status: 'published' },
      overrideAccess: true,
    })
    const { docs: versions } = await server.payload.findVersions({
      collection: 'prices',
      where: { parent: { equals: draft.id } },
      sort: 'createdAt',
    })
    const response = await server.request(`/api/prices/versions/${versions[0].id}`, {
      method: 'POST',
      token: adminToken,
    })
    expect(response.status).toBe(403)
    expect((await stored(draft.id)).priceYen).toBe(4400)
  })

  it('lets a draft be edited, published and deleted before publication', async () => {
    const created = await server.request('/api/prices?draft=true', {
      method: 'POST',
      token: adminToken,
      json: {
        device: deviceIds['iphone-x'],
        repairMenu: 'camera',
        priceYen: 9900,
        validFrom: '2026-08-01T00:00:00+09:00',
        _status: 'draft',
      },
    })
    expect(created.status).toBe(201)
    const { doc } = await created.json()
    const edit = await server.request(`/api/prices/${doc.id}?draft=true`, {
      method: 'PATCH',
      token: adminToken,
      json: { priceYen: 9500 },
    })
    expect(edit.status).toBe(200)
    expect((await stored(doc.id, true)).priceYen).toBe(9500)
    const publish = await server.request(`/api/prices/${doc.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { _status: 'published' },
    })
    expect(publish.status).toBe(200)
    expect(
      (await server.request(`/api/prices/${doc.id}`, { method: 'PATCH', token: adminToken, json: { priceYen: 1 } }))
        .status,
    ).toBe(403)

    const another = await server.payload.create({
      collection: 'prices',
      data: {
        device: deviceIds['iphone-x'],
        repairMenu: 'speaker',
        priceYen: 3300,
        validFrom: '2026-08-01T00:00:00+09:00',
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    expect((await server.request(`/api/prices/${another.id}`, { method: 'DELETE', token: adminToken })).status).toBe(
      200,
    )
    expect(
      await server.payload.findByID({
        collection: 'prices',
        id: another.id,
        disableErrors: true,
        overrideAccess: true,
      }),
    ).toBeNull()
  })
})
