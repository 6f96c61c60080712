/**
 * Attack class: operations nobody named. Payload answers an operation a collection does not name (readVersions,
 * unlock, the document locks' rules, the preferences endpoints) with its default, "any signed-in user"; each case
 * here walked through such a default on the earlier main branch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { createUser } from '../helpers/payload'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let ids: { own: string; other: string; device: string }
/** Staff of the "own" store: the attacker of every case below. */
let attacker: SignedInUser
let otherStaff: SignedInUser
let admin: SignedInUser
/** Documents of the other store and of HQ that the attacker must not see or touch. */
let otherDraft: string
let hqDraftPrice: string
let unreleasedCampaign: string

const SECRET = 'まだ公開していない下書き'

beforeAll(async () => {
  process.env.LOGIN_MAX_FAILURES_PER_ADDRESS = '1000'
  server = await startServer()
  ids = await ownOtherStoresAndDevice(server.payload)
  ;({ staff: attacker, otherStaff, admin } = await roleAccounts(server, ids, ['staff', 'otherStaff', 'admin']))
  const create = (collection: 'articles' | 'campaigns' | 'prices', data: Record<string, unknown>) =>
    server.payload.create({ collection, data, draft: true, overrideAccess: true }).then((doc) => String(doc.id))
  otherDraft = await create('articles', {
    title: SECRET,
    category: 'iphone_tips',
    store: ids.other,
    body: plainTextToLexical([[SECRET]]),
    _status: 'draft',
  })
  hqDraftPrice = await create('prices', {
    device: ids.device,
    repairMenu: 'screen',
    priceYen: 1,
    validFrom: '2027-01-01T00:00:00+09:00',
    notes: SECRET,
    _status: 'draft',
  })
  unreleasedCampaign = await create('campaigns', {
    title: SECRET,
    kind: 'trade_in',
    startsAt: '2027-01-01T00:00:00+09:00',
    targetStores: [ids.other],
    _status: 'draft',
  })
})
afterAll(async () => {
  await server?.stop()
})

const asAttacker = (path: string, init: RequestInit & { json?: unknown } = {}) =>
  server.request(path, { ...init, token: attacker.token })

describe('versions are read only where the document itself may be read', () => {
  it.each([
    ['articles', () => otherDraft],
    ['prices', () => hqDraftPrice],
    ['campaigns', () => unreleasedCampaign],
  ])("another store's or HQ's drafts of %s stay out of /versions (REST)", async (collection, parentOf) => {
    const list = await asAttacker(`/api/${collection}/versions?limit=100`)
    const body = await list.json()
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect((body.docs ?? []).map((version: { parent: unknown }) => String(version.parent))).not.toContain(parentOf())
  })

  it('and out of GraphQL versions queries', async () => {
    const { body } = await server.graphql(
      '{ versionsArticles(limit: 100) { docs { parent { id } version { title } } } versionsPrices(limit: 100) { docs { version { notes } } } versionsCampaigns(limit: 100) { docs { version { title } } } }',
      { token: attacker.token },
    )
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('a version found by ID is refused too', async () => {
    const [version] = (
      await server.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: otherDraft } },
        overrideAccess: true,
      })
    ).docs
    expect((await asAttacker(`/api/articles/versions/${version!.id}`)).status).toBe(403)
  })

  it("the store's own staff still read their drafts' history", async () => {
    const body = await (await server.request('/api/articles/versions?limit=100', { token: otherStaff.token })).json()
    expect(body.docs.map((version: { parent: unknown }) => String(version.parent))).toContain(otherDraft)
  })
})

describe("unlocking accounts is an admin's", () => {
  it('a staff member cannot unlock another account', async () => {
    const victim = await createUser(server.payload, 'staff', { stores: [ids.other] })
    const response = await asAttacker('/api/users/unlock', { method: 'POST', json: { email: victim.email } })
    expect(response.status).toBe(403)
  })

  it('an admin can', async () => {
    const locked = await createUser(server.payload, 'staff', { stores: [ids.own] })
    const response = await server.request('/api/users/unlock', {
      method: 'POST',
      token: admin.token,
      json: { email: locked.email },
    })
    expect(response.status).toBe(200)
  })
})

describe('document locks', () => {
  const lockOf = async (collection: string, documentId: string, userId: string) =>
    String(
      (
        await server.payload.create({
          collection: 'payload-locked-documents',
          data: {
            document: { relationTo: collection, value: documentId },
            user: { relationTo: 'users', value: userId },
          } as never,
          overrideAccess: true,
        })
      ).id,
    )

  it("cannot be created over the API, in anyone's name", async () => {
    for (const user of [admin.id, attacker.id]) {
      const response = await asAttacker('/api/payload-locked-documents', {
        method: 'POST',
        json: { document: { relationTo: 'articles', value: otherDraft }, user: { relationTo: 'users', value: user } },
      })
      expect(response.status).toBe(403)
    }
    const { totalDocs } = await server.payload.count({
      collection: 'payload-locked-documents',
      where: { 'document.value': { equals: otherDraft } },
    })
    expect(totalDocs).toBe(0)
  })

  it("of another store's documents and of the admin's account are neither listed, released nor taken over", async () => {
    const otherStoresLock = await lockOf('articles', otherDraft, otherStaff.id)
    const adminAccountLock = await lockOf('users', admin.id, admin.id)
    const listed = await (await asAttacker('/api/payload-locked-documents?limit=100')).json()
    expect(listed.docs.map((lock: { id: string }) => lock.id)).not.toContain(otherStoresLock)
    expect(
      (
        await asAttacker(`/api/payload-locked-documents/${otherStoresLock}`, {
          method: 'PATCH',
          json: { user: { relationTo: 'users', value: attacker.id } },
        })
      ).status,
    ).toBe(403)
    expect((await asAttacker(`/api/payload-locked-documents/${adminAccountLock}`, { method: 'DELETE' })).status).toBe(
      403,
    )
    expect(
      (await asAttacker('/api/payload-locked-documents?where[id][exists]=true', { method: 'DELETE' })).status,
    ).not.toBe(200)
    expect(
      await server.payload.count({
        collection: 'payload-locked-documents',
        where: { id: { in: [otherStoresLock, adminAccountLock] } },
      }),
    ).toEqual({ totalDocs: 2 })
  })

  it("on one's own store's document can be taken over in one's own name only", async () => {
    const ownArticle = String(
      (
        await server.payload.create({
          collection: 'articles',
          data: {
            title: 'own',
            category: 'iphone_tips',
            store: ids.own,
            body: plainTextToLexical([['own']]),
            _status: 'draft',
          },
          draft: true,
          overrideAccess: true,
        })
      ).id,
    )
    const colleague = await signedInUser(server, 'staff', [ids.own])
    const lock = await lockOf('articles', ownArticle, colleague.id)
    expect(
      (
        await asAttacker(`/api/payload-locked-documents/${lock}`, {
          method: 'PATCH',
          json: { user: { relationTo: 'users', value: admin.id } },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await asAttacker(`/api/payload-locked-documents/${lock}`, {
          method: 'PATCH',
          json: { user: { relationTo: 'users', value: attacker.id } },
        })
      ).status,
    ).toBe(200)
    expect((await asAttacker(`/api/payload-locked-documents/${lock}`, { method: 'DELETE' })).status).toBe(200)
  })
})

describe('a session that still owes its second factor', () => {
  it("reaches no endpoint but its own account and the second factor: Payload's preferences neither", async () => {
    const hq = await createUser(server.payload, 'hq')
    const login = await server.request('/api/users/login', {
      method: 'POST',
      json: { email: hq.email, password: hq.password },
    })
    const { token } = await login.json()
    expect((await server.request('/api/payload-preferences/nav', { token })).status).toBe(403)
    expect(
      (await server.request('/api/payload-preferences/nav', { method: 'POST', token, json: { value: { open: true } } }))
        .status,
    ).toBe(403)
    expect((await server.request('/api/payload-preferences/nav', { method: 'DELETE', token })).status).toBe(403)
    expect(
      await server.payload.count({ collection: 'payload-preferences', where: { 'user.value': { equals: hq.id } } }),
    ).toEqual({ totalDocs: 0 })
    expect((await server.request('/api/users/me', { token })).status).toBe(200)
  })
})
