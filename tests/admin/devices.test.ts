import { traverseFields } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { Devices } from '../../collections/Devices'
import { devices as seededDevices } from '../../seed/data/devices'
import { seed } from '../../seed/seed'
import { DEVICE_PICKER } from '../../src/fields/devicePicker'
import { devicePickerQuery } from '../../src/lib/devicePickerQuery'
import { fillDeviceSearchText } from '../../src/lib/deviceSearch'
import { plainTextToLexical } from '../../src/lib/lexicalText'
import { signedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let staffToken: string
let storeId: string

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const store = await server.payload.find({
    collection: 'stores',
    where: { slug: { equals: 'saga' } },
    overrideAccess: true,
  })
  storeId = store.docs[0].id
  staffToken = (await signedInUser(server, 'staff', [storeId])).token
})
afterAll(async () => {
  await server?.stop()
})

type Listed = { docs: Array<Record<string, unknown> & { model: string }> }

/** The request the admin's device picker sends for what staff typed, as staff. */
const pickerSearch = async (typed: string) => {
  const response = await server.request(`/api/devices?${devicePickerQuery(typed)}`, { token: staffToken })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as Listed).docs.map((doc) => doc.model)
}

describe('the seeded catalogue', () => {
  it('holds the iPhone line from the 6s to the 17, iPads, and the Android models repaired most in Japan', async () => {
    const { docs } = await server.payload.find({
      collection: 'devices',
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const models = docs.map((doc) => doc.model)
    for (const model of [
      'iPhone 6s',
      'iPhone SE（第2世代）',
      'iPhone 12 mini',
      'iPhone 15 Pro Max',
      'iPhone 17',
      'iPad（第9世代）',
    ]) {
      expect(models).toContain(model)
    }
    for (const model of [
      'Pixel 8a',
      'Galaxy S23',
      'Galaxy A54 5G',
      'Xperia 10 V',
      'AQUOS sense8',
      'AQUOS wish3',
      'arrows We',
    ]) {
      expect(models).toContain(model)
    }
    expect(docs.length).toBe(seededDevices.length)
    expect(docs.every((doc) => Number.isInteger(doc.releaseYear) && doc.brand !== 'other')).toBe(true)
  })

  it('gives each model its Japanese release year', async () => {
    const year = async (model: string) =>
      (await server.payload.find({ collection: 'devices', where: { model: { equals: model } }, overrideAccess: true }))
        .docs[0]?.releaseYear
    expect(await year('iPhone 6s')).toBe(2015)
    expect(await year('iPhone SE（第3世代）')).toBe(2022)
    expect(await year('Pixel 6')).toBe(2021)
    expect(await year('Xperia 1 II')).toBe(2020)
  })
})

describe('the device picker finds a model however it is typed', () => {
  it.each([
    ['ｉＰｈｏｎｅ１２', 'iPhone 12'],
    ['アイフォン12', 'iPhone 12'],
    ['アイホン１２', 'iPhone 12'],
    ['あいふぉん12ぷろ', 'iPhone 12 Pro'],
    ['ip12', 'iPhone 12'],
    ['12pro', 'iPhone 12 Pro'],
    ['iphone 12 pro max', 'iPhone 12 Pro Max'],
    ['ギャラクシーS23', 'Galaxy S23'],
    ['エクスペリア1マーク2', 'Xperia 1 II'],
    ['xperia 1 ii', 'Xperia 1 II'],
    ['アクオス センス8', 'AQUOS sense8'],
    ['ピクセル8a', 'Pixel 8a'],
    ['アイパッド 第9世代', 'iPad（第9世代）'],
  ])('"%s" finds %s', async (typed, model) => {
    expect(await pickerSearch(typed)).toContain(model)
  })

  it('is the picker of every relationship to devices in the admin, which shows what the server found', async () => {
    const { default: config } = await import('../../payload.config')
    const sanitized = await config
    const pickers: string[] = []
    for (const collection of sanitized.collections) {
      traverseFields({
        config: sanitized,
        fields: collection.fields,
        callback: ({ field, parentPath }) => {
          if (field.type !== 'relationship' || field.relationTo !== 'devices') return
          const component = (field.admin?.components as { Field?: unknown } | undefined)?.Field
          pickers.push(`${collection.slug}.${parentPath}${field.name}: ${String(component)}`)
        },
      })
    }
    expect(pickers.length).toBeGreaterThanOrEqual(2)
    expect(pickers.filter((picker) => !picker.endsWith(`: ${DEVICE_PICKER.Field}`))).toEqual([])
  })

  it('does not find unrelated models', async () => {
    const found = await pickerSearch('ｉＰｈｏｎｅ１２')
    expect(found.every((model) => model.startsWith('iPhone 12'))).toBe(true)
    expect(await pickerSearch('アイフォン12')).not.toContain('iPhone 13')
  })

  it('searches aliases in the list view too, and hides the search text from the API', async () => {
    expect(Devices.admin?.listSearchableFields).toContain('aliases')
    const query = new URLSearchParams({
      'where[or][0][model][like]': 'SE2',
      'where[or][1][aliases][like]': 'SE2',
      depth: '0',
    })
    const body = (await (await server.request(`/api/devices?${query}`, { token: staffToken })).json()) as Listed
    expect(body.docs.map((doc) => doc.model)).toEqual(['iPhone SE（第2世代）'])
    expect(body.docs[0]).not.toHaveProperty('searchText')
  })

  it('follows an alias HQ adds later', async () => {
    expect(await pickerSearch('ゼットフォールド6')).toEqual([])
    const created = await server.payload.create({
      collection: 'devices',
      data: { brand: 'samsung', model: 'Galaxy Z Fold6', releaseYear: 2024 },
      overrideAccess: true,
    })
    await server.payload.update({
      collection: 'devices',
      id: created.id,
      data: { aliases: ['ゼットフォールド6'] },
      overrideAccess: true,
    })
    expect(await pickerSearch('ゼットフォールド６')).toEqual(['Galaxy Z Fold6'])
    expect(await pickerSearch('ギャラクシー Z Fold6')).toEqual(['Galaxy Z Fold6'])
    await server.payload.delete({ collection: 'devices', id: created.id, overrideAccess: true })
  })
})

describe('devices written before the search text existed', () => {
  it('are found by alias once the migration has filled it, and keep everything else', async () => {
    const device = (
      await server.payload.find({
        collection: 'devices',
        where: { slug: { equals: 'iphone-x' } },
        overrideAccess: true,
      })
    ).docs[0]
    await server.payload.db.updateOne({
      collection: 'devices',
      id: device.id,
      data: { searchText: null, updatedAt: device.updatedAt },
    })
    expect(await pickerSearch('アイフォンテン')).toEqual([])
    expect(await fillDeviceSearchText(server.payload)).toBe(seededDevices.length)
    expect(await pickerSearch('アイフォンテン')).toEqual(['iPhone X'])
    const after = await server.payload.findByID({ collection: 'devices', id: device.id, overrideAccess: true })
    expect(after).toEqual(device)
  })
})

describe('a repair report about a model not in the catalogue', () => {
  const report = (extra: Record<string, unknown>) => ({
    title: '一覧にない機種の画面修理',
    store: storeId,
    repairMenu: 'screen',
    body: plainTextToLexical([['本文']]),
    _status: 'published',
    ...extra,
  })
  type Errors = { errors: Array<{ data?: { errors: Array<{ path: string; message: string }> } }> }
  const fieldErrors = async (response: Response) =>
    ((await response.json()) as Errors).errors
      .flatMap((error) => error.data?.errors ?? [])
      .map(({ path, message }) => [path, message])

  it('is written with the model typed by hand, and HQ finds it in the list of unlisted models', async () => {
    const response = await server.request('/api/repair-logs', {
      method: 'POST',
      token: staffToken,
      json: report({ deviceNotListed: true, unlistedModel: '  Galaxy A25 5G ' }),
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: string; device: unknown; unlistedModel: string } }
    expect(doc.unlistedModel).toBe('Galaxy A25 5G')
    expect(doc.device ?? null).toBeNull()
    const hqList = new URLSearchParams({ 'where[deviceNotListed][equals]': 'true', depth: '0' })
    const listed = (await (await server.request(`/api/repair-logs?${hqList}`, { token: staffToken })).json()) as {
      docs: Array<{ id: string }>
    }
    expect(listed.docs.map(({ id }) => id)).toEqual([doc.id])
  })

  it('needs the typed model once the box is ticked (400 naming unlistedModel, in Japanese)', async () => {
    const before = await server.payload.count({ collection: 'repair-logs', overrideAccess: true })
    const response = await server.request('/api/repair-logs', {
      method: 'POST',
      token: staffToken,
      json: report({ deviceNotListed: true, unlistedModel: ' ' }),
    })
    expect(response.status).toBe(400)
    expect(await fieldErrors(response)).toEqual([
      ['unlistedModel', '一覧にない機種の機種名を入力してください（例: Galaxy A25 5G）。'],
    ])
    expect((await server.payload.count({ collection: 'repair-logs', overrideAccess: true })).totalDocs).toBe(
      before.totalDocs,
    )
  })

  it('needs a device from the catalogue otherwise, and says how to report an unlisted one', async () => {
    const response = await server.request('/api/repair-logs', {
      method: 'POST',
      token: staffToken,
      json: report({ unlistedModel: 'Galaxy A25 5G' }),
    })
    expect(response.status).toBe(400)
    const [[path, message]] = await fieldErrors(response)
    expect(path).toBe('device')
    expect(message).toContain('一覧にない機種')
  })

  it('keeps only the catalogue device when the box is not ticked', async () => {
    const device = (
      await server.payload.find({
        collection: 'devices',
        where: { slug: { equals: 'iphone-12' } },
        overrideAccess: true,
      })
    ).docs[0]
    const response = await server.request('/api/repair-logs', {
      method: 'POST',
      token: staffToken,
      json: report({ device: device.id, unlistedModel: 'iPhone 12', title: '一覧にある機種の修理' }),
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as {
      doc: { device: string; unlistedModel: unknown; deviceNotListed: boolean }
    }
    expect([(doc.device as unknown as { id: string }).id, doc.unlistedModel ?? null, doc.deviceNotListed]).toEqual([
      device.id,
      null,
      false,
    ])
  })
})
