import type { CollectionSlug, Payload } from 'payload'

import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../src/lib/lexicalText'
import { type Reference, referencesOf } from '../src/lib/references'
import { ownOtherStoresAndDevice, type SignedInUser, storeData } from './helpers/fixtures'
import { pngImage } from './helpers/images'
import { roleAccounts } from './helpers/roleAccounts'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let payload: Payload
let ids: { own: string; other: string; device: string }
let image: Buffer
let admin: SignedInUser
let hq: SignedInUser

beforeAll(async () => {
  server = await startServer()
  payload = server.payload
  ids = await ownOtherStoresAndDevice(payload)
  image = await pngImage()
  ;({ admin, hq } = await roleAccounts(server, ids, ['admin', 'hq']))
})
afterAll(async () => {
  await server?.stop()
})

const unique = () => randomBytes(4).toString('hex')
const body = plainTextToLexical([['本文']])
const publishedAt = '2026-04-01T10:00:00+09:00'

/** A valid published document of each collection that can point somewhere; a new one joins here. */
const REFERRERS: Record<string, () => Record<string, unknown>> = {
  articles: () => ({
    title: `記事 ${unique()}`,
    category: 'news',
    publishedAt,
    store: ids.own,
    body,
    _status: 'published',
  }),
  'repair-logs': () => ({
    title: `修理 ${unique()}`,
    publishedAt,
    store: ids.own,
    device: ids.device,
    repairMenu: 'screen',
    body,
    _status: 'published',
  }),
  campaigns: () => ({
    title: `キャンペーン ${unique()}`,
    kind: 'trade_in',
    startsAt: publishedAt,
    _status: 'published',
  }),
  prices: () => ({
    device: ids.device,
    repairMenu: 'battery',
    priceYen: 5800,
    validFrom: publishedAt,
    _status: 'published',
  }),
  stores: () => storeData(`store-${unique()}`),
  users: () => ({
    email: `user-${unique()}@example.com`,
    password: randomBytes(16).toString('base64url'),
    name: '参照元',
    role: 'staff',
    stores: [],
  }),
  'audit-log': () => ({ event: 'publish', subject: `test/${unique()}` }),
}

/** A fresh document of each collection something can point at. */
const TARGETS: Record<string, () => Promise<string>> = {
  stores: async () =>
    String(
      (await payload.create({ collection: 'stores', data: storeData(`target-${unique()}`), overrideAccess: true })).id,
    ),
  devices: async () =>
    String(
      (
        await payload.create({
          collection: 'devices',
          data: { brand: 'apple', model: `iPhone ${unique()}` },
          overrideAccess: true,
        })
      ).id,
    ),
  media: async () =>
    String(
      (
        await payload.create({
          collection: 'media',
          data: { alt: '写真' },
          file: { data: image, mimetype: 'image/png', name: `${unique()}.png`, size: image.length },
          overrideAccess: true,
        })
      ).id,
    ),
  articles: async () =>
    String(
      (await payload.create({ collection: 'articles', data: REFERRERS.articles() as never, overrideAccess: true })).id,
    ),
  'repair-logs': async () =>
    String(
      (
        await payload.create({
          collection: 'repair-logs',
          data: REFERRERS['repair-logs']() as never,
          overrideAccess: true,
        })
      ).id,
    ),
  users: async () =>
    String(
      (
        await payload.create({
          collection: 'users',
          data: {
            email: `target-${unique()}@example.com`,
            password: randomBytes(16).toString('base64url'),
            name: '参照先',
            role: 'staff',
            stores: [],
          },
          overrideAccess: true,
        })
      ).id,
    ),
}

/** A rich-text body that embeds document `id` of `collection`: a picture as the editor's upload node, a page as its internal link. */
const bodyEmbedding = (collection: string, id: string) => {
  const embedded =
    collection === 'media'
      ? { type: 'upload', relationTo: collection, value: id, fields: null, format: '', version: 3, id: unique() }
      : {
          type: 'paragraph',
          version: 1,
          children: [
            {
              type: 'link',
              version: 3,
              children: [{ type: 'text', text: 'こちら', version: 1 }],
              fields: { linkType: 'internal', newTab: false, doc: { relationTo: collection, value: id } },
            },
          ],
        }
  return { root: { ...body.root, children: [...body.root.children, embedded] } }
}

/** The value that makes `reference` point at document `id` of `collection`. */
const pointerTo = (reference: Reference, collection: string, id: string): unknown => {
  if (reference.kind === 'richText') return bodyEmbedding(collection, id)
  const one = reference.polymorphic ? { relationTo: collection, value: id } : id
  return reference.hasMany ? [one] : one
}

const describeReference = ({ from, path, to, hasMany, kind, versions }: Reference) =>
  `${from}.${path} → ${to.join('|')}${hasMany && kind === 'field' ? ' (many)' : ''}${kind === 'richText' ? ' (embedded in rich text)' : ''}${versions ? ', versions too' : ''}`

describe('the references the delete rule knows, derived from the live config', () => {
  it('are every relationship, upload and rich-text field of every collection (a new one shows up here)', () => {
    expect(referencesOf(payload).map(describeReference)).toEqual([
      'repair-logs.store → stores, versions too',
      'repair-logs.author → users, versions too',
      'repair-logs.device → devices, versions too',
      'repair-logs.body → media|stores|articles|repair-logs (embedded in rich text), versions too',
      'repair-logs.beforePhotos → media (many), versions too',
      'repair-logs.afterPhotos → media (many), versions too',
      'articles.store → stores, versions too',
      'articles.author → users, versions too',
      'articles.heroImage → media, versions too',
      'articles.body → media|stores|articles|repair-logs (embedded in rich text), versions too',
      'campaigns.targetStores → stores (many), versions too',
      'campaigns.banner → media, versions too',
      'prices.device → devices, versions too',
      'prices.store → stores, versions too',
      'stores.photo → media',
      'users.stores → stores (many)',
      'audit-log.actor → users',
    ])
  })

  it("leave out Payload's own bookkeeping (document locks, list preferences), which Payload clears itself", () => {
    const bookkeeping = referencesOf(payload).filter(({ from }) => from.startsWith('payload-'))
    expect(bookkeeping).toEqual([])
  })
})

describe('every reference keeps what it points at', () => {
  /** Each reference and each collection it can point at, from the live config (computed once the server runs). */
  const cases = () =>
    referencesOf(payload).flatMap((reference) => reference.to.map((target) => ({ reference, target })))

  it('has a way to make a referring document and a target for every reference (a new collection joins REFERRERS or TARGETS)', () => {
    for (const { reference, target } of cases()) {
      expect(REFERRERS[reference.from], `no REFERRERS entry for ${reference.from}`).toBeTypeOf('function')
      expect(TARGETS[target], `no TARGETS entry for ${target}`).toBeTypeOf('function')
    }
  })

  it('refuses deleting the target, even to server code with overrideAccess (409), and the pointer stays', async () => {
    for (const { reference, target } of cases()) {
      const what = describeReference(reference)
      const targetId = await TARGETS[target]()
      const from = reference.from as CollectionSlug
      const referrer = await payload.create({
        collection: from,
        data: { ...REFERRERS[from](), [reference.path]: pointerTo(reference, target, targetId) } as never,
        overrideAccess: true,
      })
      await expect(
        payload.delete({ collection: target as CollectionSlug, id: targetId, overrideAccess: true }),
        what,
      ).rejects.toMatchObject({ status: 409 })
      expect(
        await payload.findByID({
          collection: target as CollectionSlug,
          id: targetId,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
        }),
        what,
      ).not.toBeNull()
      const after = await payload.findByID({ collection: from, id: referrer.id, depth: 0, overrideAccess: true })
      expect(JSON.stringify((after as unknown as Record<string, unknown>)[reference.path]), what).toContain(targetId)
    }
  }, 300_000)
})

describe('what points at a document includes its history', () => {
  it('a store that only an earlier version of a price names cannot be deleted: restoring that version would need it', async () => {
    const [first, second] = [await TARGETS.stores(), await TARGETS.stores()]
    const price = await payload.create({
      collection: 'prices',
      data: { ...REFERRERS.prices(), store: first, _status: 'draft' } as never,
      draft: true,
      overrideAccess: true,
    })
    await payload.update({ collection: 'prices', id: price.id, data: { store: second }, overrideAccess: true })
    expect((await payload.findByID({ collection: 'prices', id: price.id, depth: 0, overrideAccess: true })).store).toBe(
      second,
    )
    await expect(payload.delete({ collection: 'stores', id: first, overrideAccess: true })).rejects.toMatchObject({
      status: 409,
      data: { referencedBy: [{ collection: 'prices', path: 'store', documents: 0, versions: 1 }] },
    })
  })

  it('a picture embedded in the body of a post cannot be deleted either', async () => {
    const picture = await TARGETS.media()
    await payload.create({
      collection: 'repair-logs',
      data: { ...REFERRERS['repair-logs'](), body: bodyEmbedding('media', picture) } as never,
      overrideAccess: true,
    })
    await expect(payload.delete({ collection: 'media', id: picture, overrideAccess: true })).rejects.toMatchObject({
      status: 409,
    })
  })
})

describe('what is not pointed at', () => {
  it.each(['stores', 'devices', 'media', 'users'])(
    '%s: a document nothing points at is deleted as before',
    async (collection) => {
      const id = await TARGETS[collection]()
      await payload.delete({ collection: collection as CollectionSlug, id, overrideAccess: true })
      expect(
        await payload.findByID({
          collection: collection as CollectionSlug,
          id,
          overrideAccess: true,
          disableErrors: true,
        }),
      ).toBeNull()
    },
  )

  it('is deleted from a bulk delete while the pointed-at ones stay, each refusal named', async () => {
    const [kept, deleted] = [await TARGETS.stores(), await TARGETS.stores()]
    await payload.create({
      collection: 'prices',
      data: { ...REFERRERS.prices(), store: kept } as never,
      overrideAccess: true,
    })
    const response = await server.request(`/api/stores?where[id][in]=${kept},${deleted}`, {
      method: 'DELETE',
      token: admin.token,
    })
    expect(response.status).toBe(400)
    const answer = await response.json()
    expect(answer.docs.map((doc: { id: string }) => doc.id)).toEqual([deleted])
    expect(answer.errors).toEqual([
      expect.objectContaining({ id: kept, message: expect.stringContaining('修理価格一覧 1件') }),
    ])
  })
})

describe('instead of deleting', () => {
  it('an admin closes a store, HQ retires a device, an admin disables an account: all still pointed at', async () => {
    const [store, device, account] = [await TARGETS.stores(), await TARGETS.devices(), await TARGETS.users()]
    await payload.create({
      collection: 'prices',
      data: { ...REFERRERS.prices(), store, device } as never,
      overrideAccess: true,
    })
    await payload.create({
      collection: 'articles',
      data: { ...REFERRERS.articles(), author: account } as never,
      overrideAccess: true,
    })
    const patch = (path: string, token: string, json: unknown) => server.request(path, { method: 'PATCH', token, json })
    expect((await patch(`/api/stores/${store}`, admin.token, { status: 'closed' })).status).toBe(200)
    expect((await patch(`/api/devices/${device}`, hq.token, { status: 'retired' })).status).toBe(200)
    expect((await patch(`/api/users/${account}`, admin.token, { disabled: true })).status).toBe(200)
    expect((await payload.findByID({ collection: 'stores', id: store, overrideAccess: true })).status).toBe('closed')
    expect((await payload.findByID({ collection: 'devices', id: device, overrideAccess: true })).status).toBe('retired')
    expect((await payload.findByID({ collection: 'users', id: account, overrideAccess: true })).disabled).toBe(true)
  })

  it('a new device is in the catalogue until HQ retires it', async () => {
    const device = await payload.create({
      collection: 'devices',
      data: { brand: 'google', model: `Pixel ${unique()}` },
      overrideAccess: true,
    })
    expect(device.status).toBe('current')
  })
})
