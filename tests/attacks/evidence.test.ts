/**
 * Attack class: rewriting evidence by deleting what it points at. On the earlier main branch, deleting a store, a
 * device, a picture or an account was allowed while published prices, posts, campaigns and audit entries pointed at
 * it, and the database quietly emptied the pointers (SQLite's ON DELETE SET NULL): a store's ¥1 override became a
 * chain-wide ¥1 price, a one-store campaign ran in every store, an account vanished from the audit log. Each case
 * replays one such delete over REST, GraphQL or the Local API with a user, and checks nothing was rewritten.
 */
import type { CollectionSlug } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, type SignedInUser, signedInUser, storeData } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let ids: { own: string; other: string; device: string }
let admin: SignedInUser
let hq: SignedInUser

beforeAll(async () => {
  server = await startServer()
  ids = await ownOtherStoresAndDevice(server.payload)
  ;({ admin, hq } = await roleAccounts(server, ids, ['admin', 'hq']))
})
afterAll(async () => {
  await server?.stop()
})

const create = async (collection: CollectionSlug, data: Record<string, unknown>) =>
  String((await server.payload.create({ collection, data: data as never, overrideAccess: true })).id)

const newStore = (slug: string) => create('stores', storeData(slug))

const stored = (collection: CollectionSlug, id: string) =>
  server.payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true }) as Promise<Record<
    string,
    unknown
  > | null>

/** A published ¥1 price that only `store` charges. */
const oneYenOverride = (store: string) =>
  create('prices', {
    device: ids.device,
    repairMenu: 'screen',
    priceYen: 1,
    validFrom: '2026-04-01T00:00:00+09:00',
    store,
    _status: 'published',
  })

/** The account as the Local API takes it: with the session its sign-in opened (HQ's passed the second factor). */
const localUser = async (account: SignedInUser) => {
  const user = await server.payload.findByID({ collection: 'users', id: account.id, overrideAccess: true })
  const { sid } = JSON.parse(Buffer.from(account.token.split('.')[1], 'base64url').toString()) as { sid: string }
  return { ...user, collection: 'users' as const, _sid: sid }
}

const restDelete = (path: string, token: string, headers: Record<string, string> = {}) =>
  server.request(path, { method: 'DELETE', token, headers })

describe('a store with a published override price', () => {
  it("is not deleted by ID over REST, and the ¥1 override stays that store's", async () => {
    const store = await newStore('override-by-id')
    const price = await oneYenOverride(store)
    const response = await restDelete(`/api/stores/${store}`, admin.token)
    expect(response.status).toBe(409)
    expect((await response.json()).errors[0].message).toMatch(/参照されているため削除できません.*閉店/)
    expect(await stored('stores', store)).not.toBeNull()
    expect((await stored('prices', price))?.store).toBe(store)
  })

  it("is not deleted by a where query (the admin's bulk delete)", async () => {
    const store = await newStore('override-by-where')
    const price = await oneYenOverride(store)
    const response = await restDelete(`/api/stores?where[id][equals]=${store}`, admin.token)
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.docs).toEqual([])
    expect(body.errors[0]).toMatchObject({
      id: store,
      message: expect.stringMatching(/参照されているため削除できません/),
    })
    expect(await stored('stores', store)).not.toBeNull()
    expect((await stored('prices', price))?.store).toBe(store)
  })

  it('is not deleted over GraphQL', async () => {
    const store = await newStore('override-graphql')
    const price = await oneYenOverride(store)
    const { body } = await server.graphql('mutation ($id: String!) { deleteStore(id: $id) { id } }', {
      token: admin.token,
      variables: { id: store },
    })
    expect(body.errors?.[0]?.extensions?.statusCode).toBe(409)
    expect((await stored('prices', price))?.store).toBe(store)
  })

  it('says why in English when asked', async () => {
    const store = await newStore('override-english')
    await oneYenOverride(store)
    const response = await restDelete(`/api/stores/${store}`, admin.token, { 'Accept-Language': 'en' })
    expect(response.status).toBe(409)
    expect((await response.json()).errors[0].message).toMatch(
      /cannot be deleted while other documents point to it.*Closed/,
    )
  })

  it('leaves a record of the refused attempt in the audit log', async () => {
    const store = await newStore('override-audited')
    await oneYenOverride(store)
    await restDelete(`/api/stores/${store}`, admin.token)
    const entries = await (
      await server.request(`/api/audit-log?where[subject][equals]=stores/${store}&depth=0`, { token: admin.token })
    ).json()
    expect(entries.docs).toEqual([
      expect.objectContaining({ event: 'delete_refused', actor: admin.id, actorEmail: admin.email }),
    ])
  })
})

it('a store that is the only target of a campaign is not deleted (the campaign would run in every store)', async () => {
  const store = await newStore('campaign-target')
  const campaign = await create('campaigns', {
    title: '一店舗だけの割引',
    kind: 'student_discount',
    startsAt: '2026-04-01T00:00:00+09:00',
    targetStores: [store],
    _status: 'published',
  })
  expect((await restDelete(`/api/stores/${store}`, admin.token)).status).toBe(409)
  expect((await stored('campaigns', campaign))?.targetStores).toEqual([store])
})

it('a device with a published repair report is not deleted, over REST or by the Local API with a user', async () => {
  const device = await create('devices', { brand: 'apple', model: 'iPhone X (evidence)' })
  const report = await create('repair-logs', {
    title: '画面交換',
    publishedAt: '2026-04-01T10:00:00+09:00',
    store: ids.own,
    device,
    repairMenu: 'screen',
    body: plainTextToLexical([['交換しました']]),
    _status: 'published',
  })
  expect((await restDelete(`/api/devices/${device}`, hq.token)).status).toBe(409)
  await expect(
    server.payload.delete({ collection: 'devices', id: device, user: await localUser(hq), overrideAccess: false }),
  ).rejects.toMatchObject({ status: 409 })
  expect((await stored('repair-logs', report))?.device).toBe(device)
})

it('a picture shown by a published article is not deleted', async () => {
  const image = await pngImage()
  const picture = String(
    (
      await server.payload.create({
        collection: 'media',
        data: { alt: '店内' },
        file: { data: image, mimetype: 'image/png', name: 'shop.png', size: image.length },
        overrideAccess: true,
      })
    ).id,
  )
  const article = await create('articles', {
    title: '店内のご案内',
    category: 'news',
    publishedAt: '2026-04-01T10:00:00+09:00',
    store: ids.own,
    heroImage: picture,
    body: plainTextToLexical([['本文']]),
    _status: 'published',
  })
  expect((await restDelete(`/api/media/${picture}`, hq.token)).status).toBe(409)
  expect((await stored('articles', article))?.heroImage).toBe(picture)
})

describe('an account in the audit log', () => {
  it('is not deleted: its entries keep pointing at it', async () => {
    const staff = await signedInUser(server, 'staff', [ids.own])
    expect((await restDelete(`/api/users/${staff.id}`, admin.token)).status).toBe(409)
    const entries = await server.payload.find({
      collection: 'audit-log',
      where: { subject: { equals: `users/${staff.id}` } },
      depth: 0,
      overrideAccess: true,
    })
    expect(entries.docs.find((entry) => entry.event === 'sign_in_success')?.actor).toBe(staff.id)
  })

  it('is shown in its entries with the e-mail address and role it had then, whatever it became later', async () => {
    const manager = await signedInUser(server, 'manager', [ids.own])
    await server.payload.update({
      collection: 'users',
      id: manager.id,
      data: { email: `renamed-${manager.email}`, role: 'staff' },
      overrideAccess: true,
    })
    const entries = await (
      await server.request(
        `/api/audit-log?where[subject][equals]=users/${manager.id}&where[event][equals]=sign_in_success&depth=0`,
        { token: admin.token },
      )
    ).json()
    expect(entries.docs).toEqual([
      expect.objectContaining({ actor: manager.id, actorEmail: manager.email, actorRole: 'manager' }),
    ])
  })
})
