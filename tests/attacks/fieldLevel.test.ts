/**
 * Attack class: writing a field one may not, inside a document one may edit. On the earlier main branch, staff
 * published posts in a colleague's name, a manager set the e-mail address and password of their staff (and so
 * could sign in as them), closed their store or moved its address, and any client back-dated a document's
 * timestamps. Each case replays one such write over REST or GraphQL and checks what is stored.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, type SignedInUser } from '../helpers/fixtures'
import { createUser } from '../helpers/payload'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let ids: { own: string; other: string; device: string }
let staff: SignedInUser
let manager: SignedInUser

beforeAll(async () => {
  server = await startServer()
  ids = await ownOtherStoresAndDevice(server.payload)
  ;({ staff, manager } = await roleAccounts(server, ids, ['staff', 'manager']))
})
afterAll(async () => {
  await server?.stop()
})

const body = plainTextToLexical([['本文']])
const publishedAt = '2026-04-01T10:00:00+09:00'

const storedArticle = (id: string) =>
  server.payload.findByID({ collection: 'articles', id, draft: true, depth: 0, overrideAccess: true })
const storedAccount = (id: string) =>
  server.payload.db.findOne<{ id: string; email: string; hash: string }>({
    collection: 'users',
    where: { id: { equals: id } },
  })

describe("a post is written in its writer's name", () => {
  it('staff cannot hand their article to a colleague over REST (403, author unchanged)', async () => {
    const article = await server.payload.create({
      collection: 'articles',
      data: {
        title: '自分の記事',
        category: 'news',
        publishedAt,
        store: ids.own,
        author: staff.id,
        body,
        _status: 'published',
      },
      overrideAccess: true,
    })
    const response = await server.request(`/api/articles/${article.id}`, {
      method: 'PATCH',
      token: staff.token,
      json: { author: manager.id },
    })
    expect(response.status).toBe(403)
    expect((await storedArticle(article.id)).author).toBe(staff.id)
  })

  it("staff cannot publish a new article in the manager's name over GraphQL (403, nothing created)", async () => {
    const title = `店長の名前で ${randomBytes(3).toString('hex')}`
    const { body: answer } = await server.graphql(
      'mutation ($data: mutationArticleInput!) { createArticle(data: $data) { id } }',
      {
        token: staff.token,
        variables: {
          data: {
            title,
            category: 'news',
            publishedAt,
            store: ids.own,
            author: manager.id,
            body,
            _status: 'published',
          },
        },
      },
    )
    expect(answer.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(
      (
        await server.payload.count({
          collection: 'articles',
          where: { title: { equals: title } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('a manager never sets the credentials of their staff', () => {
  it("cannot set a staff member's password, even knowing the one they were given", async () => {
    const member = await createUser(server.payload, 'staff', { stores: [ids.own] })
    const before = await storedAccount(member.id)
    await server.request(`/api/users/${member.id}`, {
      method: 'PATCH',
      token: manager.token,
      json: { password: randomBytes(18).toString('base64url'), currentPassword: member.password },
    })
    expect((await storedAccount(member.id))?.hash).toBe(before?.hash)
  })

  it("cannot change a staff member's e-mail address (where the reset mail would go)", async () => {
    const member = await createUser(server.payload, 'staff', { stores: [ids.own] })
    await server.request(`/api/users/${member.id}`, {
      method: 'PATCH',
      token: manager.token,
      json: { email: `taken-over-${randomBytes(3).toString('hex')}@example.com`, currentPassword: member.password },
    })
    expect((await storedAccount(member.id))?.email).toBe(member.email)
  })
})

describe("a manager edits their store's public details, not its identity", () => {
  it.each([
    ['status', 'closed'],
    ['slug', 'moved-elsewhere'],
  ])('cannot change its %s (403, unchanged)', async (field, value) => {
    const before = await server.payload.findByID({ collection: 'stores', id: ids.own, depth: 0, overrideAccess: true })
    const response = await server.request(`/api/stores/${ids.own}`, {
      method: 'PATCH',
      token: manager.token,
      json: { [field]: value },
    })
    expect(response.status).toBe(403)
    const after = await server.payload.findByID({ collection: 'stores', id: ids.own, depth: 0, overrideAccess: true })
    expect(after[field as 'status' | 'slug']).toBe(before[field as 'status' | 'slug'])
  })
})

describe("timestamps are the system's", () => {
  const LONG_AGO = '2001-01-01T00:00:00.000Z'

  it('a client cannot back-date a new document over REST', async () => {
    const response = await server.request('/api/articles', {
      method: 'POST',
      token: staff.token,
      json: {
        title: '過去の日付',
        category: 'news',
        publishedAt,
        store: ids.own,
        body,
        _status: 'published',
        createdAt: LONG_AGO,
        updatedAt: LONG_AGO,
      },
    })
    expect(response.status).toBe(201)
    const stored = await storedArticle((await response.json()).doc.id)
    expect([stored.createdAt, stored.updatedAt]).not.toContain(LONG_AGO)
  })

  it('a client cannot rewrite when a document was created, over REST or GraphQL', async () => {
    const article = await server.payload.create({
      collection: 'articles',
      data: { title: '作成日時', category: 'news', publishedAt, store: ids.own, body, _status: 'published' },
      overrideAccess: true,
    })
    await server.request(`/api/articles/${article.id}`, {
      method: 'PATCH',
      token: staff.token,
      json: { title: '作成日時 2', createdAt: LONG_AGO },
    })
    await server.graphql(
      'mutation ($id: String!, $data: mutationArticleUpdateInput!) { updateArticle(id: $id, data: $data) { id } }',
      {
        token: staff.token,
        variables: { id: article.id, data: { title: '作成日時 3', createdAt: LONG_AGO } },
      },
    )
    const stored = await storedArticle(article.id)
    expect(stored.title).toBe('作成日時 3')
    expect(stored.createdAt).toBe(article.createdAt)
  })
})
