import { describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { serverBehindProxy } from '../helpers/behindProxy'
import { createStores } from '../helpers/fixtures'
import { createFrontend, createUser } from '../helpers/payload'

/** A small budget, so that a test spends it in a few requests. */
const BUDGET = 8

const { server, freshAddress } = serverBehindProxy({ apiRateLimitPerMinute: BUDGET }, '198.51.100')

const article = async (title: string, status: 'draft' | 'published') => {
  const { payload } = server()
  const stores = await payload.find({ collection: 'stores', limit: 1, overrideAccess: true })
  const store = stores.docs[0]?.id ?? (await createStores(payload, { shibuya: '渋谷店' })).shibuya
  const doc = await payload.create({
    collection: 'articles',
    data: {
      title,
      category: 'iphone_tips',
      publishedAt: '2026-04-01T10:00:00+09:00',
      store,
      body: plainTextToLexical([['本文']]),
      _status: status,
    },
    draft: status === 'draft',
    overrideAccess: true,
  })
  return String(doc.id)
}

const get = (path: string, address: string, authorization?: string) =>
  server().request(path, {
    headers: { 'X-Forwarded-For': address, ...(authorization ? { Authorization: authorization } : {}) },
  })

/** The statuses of `count` reads of a list from one address. */
const statusesOf = async (count: number, address: string, authorization?: string) => {
  const statuses: number[] = []
  for (let i = 0; i < count; i += 1)
    statuses.push((await get(`/api/articles?limit=1&page=${i + 1}`, address, authorization)).status)
  return statuses
}

describe("the API rate limit and a frontend's key", () => {
  it("throttles anonymous reads past the budget, while reads with a frontend's key from the same address go on", async () => {
    const { authorization } = await createFrontend(server().payload)
    const address = freshAddress()
    const anonymous = await statusesOf(BUDGET + 1, address)
    expect(anonymous.slice(0, BUDGET).every((status) => status === 200)).toBe(true)
    expect(anonymous.at(-1)).toBe(429)
    expect(await statusesOf(3 * BUDGET, address, authorization)).toEqual(Array(3 * BUDGET).fill(200))
    // GraphQL queries over POST are reads too.
    const query = await server().request('/api/graphql', {
      method: 'POST',
      headers: { 'X-Forwarded-For': address, Authorization: authorization },
      json: { query: '{ Articles(limit: 1) { totalDocs } }' },
    })
    expect(query.status).toBe(200)
    // Everyone else at that address is still over budget.
    expect((await get('/api/articles?limit=1', address)).status).toBe(429)
  })

  it('charges a wrong key like anyone', async () => {
    const { apiKey } = await createFrontend(server().payload)
    const statuses = await statusesOf(BUDGET + 1, freshAddress(), `users API-Key ${apiKey.slice(1)}x`)
    expect(statuses.at(-1)).toBe(429)
  })

  it('charges a key once it is disabled, and a frontend account once it is disabled', async () => {
    const { payload } = server()
    const keyOff = await createFrontend(payload)
    const accountOff = await createFrontend(payload)
    const [before] = await statusesOf(1, freshAddress(), keyOff.authorization)
    expect(before).toBe(200)
    await payload.update({ collection: 'users', id: keyOff.id, data: { enableAPIKey: false }, overrideAccess: true })
    await payload.update({ collection: 'users', id: accountOff.id, data: { disabled: true }, overrideAccess: true })
    expect((await statusesOf(BUDGET + 1, freshAddress(), keyOff.authorization)).at(-1)).toBe(429)
    expect((await statusesOf(BUDGET + 1, freshAddress(), accountOff.authorization)).at(-1)).toBe(429)
  })

  it("charges writes sent with a frontend's key", async () => {
    const { authorization } = await createFrontend(server().payload)
    const address = freshAddress()
    const statuses: number[] = []
    for (let i = 0; i <= BUDGET; i += 1) {
      const response = await server().request('/api/articles', {
        method: 'POST',
        headers: { 'X-Forwarded-For': address, Authorization: authorization },
        json: { title: 'x' },
      })
      statuses.push(response.status)
    }
    expect(statuses.at(-1)).toBe(429)
  })
})

describe("what a frontend's key may do: read as the public, nothing more", () => {
  it('reads published content only, over REST and GraphQL', async () => {
    const { authorization } = await createFrontend(server().payload)
    const published = await article('公開済みの記事', 'published')
    const draft = await article('下書きの記事', 'draft')
    const address = freshAddress()

    const list = await (await get('/api/articles?limit=100&draft=true', address, authorization)).json()
    const ids = list.docs.map((doc: { id: unknown }) => String(doc.id))
    expect(ids).toContain(published)
    expect(ids).not.toContain(draft)
    expect((await get(`/api/articles/${draft}?draft=true`, address, authorization)).status).toBe(404)
    expect((await get(`/api/articles/${published}`, address, authorization)).status).toBe(200)

    const graphql = await server().request('/api/graphql', {
      method: 'POST',
      headers: { 'X-Forwarded-For': address, Authorization: authorization },
      json: {
        query: `{ Articles(limit: 100, draft: true) { docs { id } } Article(id: "${draft}", draft: true) { id } }`,
      },
    })
    const { data } = await graphql.json()
    const graphqlIds = data.Articles.docs.map((doc: { id: unknown }) => String(doc.id))
    expect(graphqlIds).toContain(published)
    expect(graphqlIds).not.toContain(draft)
    expect(data.Article).toBeNull()
  })

  it('is no session: the API knows no user behind it', async () => {
    const { authorization } = await createFrontend(server().payload)
    const me = await (await get('/api/users/me', freshAddress(), authorization)).json()
    expect(me.user).toBeNull()
  })

  it('cannot create, update or delete, over REST or GraphQL, and nothing changes', async () => {
    const { payload } = server()
    const { authorization } = await createFrontend(payload)
    const published = await article('変えられない記事', 'published')
    const stores = await payload.find({ collection: 'stores', limit: 1, overrideAccess: true })
    const headers = { 'X-Forwarded-For': freshAddress(), Authorization: authorization }
    const data = {
      title: '書き換え',
      category: 'iphone_tips',
      publishedAt: '2026-04-01T10:00:00+09:00',
      store: stores.docs[0]!.id,
      body: plainTextToLexical([['改ざん']]),
      _status: 'published',
    }
    const before = await payload.count({ collection: 'articles', overrideAccess: true })

    const create = await server().request('/api/articles', { method: 'POST', headers, json: data })
    const update = await server().request(`/api/articles/${published}`, {
      method: 'PATCH',
      headers,
      json: { title: '書き換え' },
    })
    const remove = await server().request(`/api/articles/${published}`, { method: 'DELETE', headers })
    for (const response of [create, update, remove]) expect([401, 403]).toContain(response.status)

    const mutation = async (query: string) => {
      const response = await server().request('/api/graphql', { method: 'POST', headers, json: { query } })
      return (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] }
    }
    const results = [
      await mutation(
        `mutation { createArticle(data: { title: "書き換え", category: iphone_tips, publishedAt: "2026-04-01T10:00:00+09:00", store: "${stores.docs[0]!.id}", _status: published }) { id } }`,
      ),
      await mutation(`mutation { updateArticle(id: "${published}", data: { title: "書き換え" }) { id } }`),
      await mutation(`mutation { deleteArticle(id: "${published}") { id } }`),
    ]
    for (const result of results) {
      expect(result.errors?.length).toBeGreaterThan(0)
      expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true)
    }

    expect(await payload.count({ collection: 'articles', overrideAccess: true })).toEqual(before)
    expect((await payload.findByID({ collection: 'articles', id: published, overrideAccess: true })).title).toBe(
      '変えられない記事',
    )
  })

  it('reads as the public through the Local API too, and writes nothing there', async () => {
    const { payload } = server()
    const frontend = await createFrontend(payload)
    const user = { ...frontend, collection: 'users' as const }
    const published = await article('ローカル API で読む記事', 'published')
    const draft = await article('ローカル API の下書き', 'draft')
    const { docs } = await payload.find({
      collection: 'articles',
      draft: true,
      limit: 100,
      user,
      overrideAccess: false,
    })
    const ids = docs.map((doc) => String(doc.id))
    expect(ids).toContain(published)
    expect(ids).not.toContain(draft)
    // Accounts are refused to the public, the frontend's own included.
    await expect(payload.find({ collection: 'users', user, overrideAccess: false })).rejects.toThrow()
    await expect(
      payload.update({
        collection: 'articles',
        id: published,
        data: { title: '書き換え' },
        user,
        overrideAccess: false,
      }),
    ).rejects.toThrow()
    expect((await payload.findByID({ collection: 'articles', id: published, overrideAccess: true })).title).toBe(
      'ローカル API で読む記事',
    )
  })

  it('belongs to an account that cannot sign in', async () => {
    const { payload } = server()
    const frontend = await createFrontend(payload)
    const password = 'frontend-password-1234'
    await payload.update({ collection: 'users', id: frontend.id, data: { password }, overrideAccess: true })
    const login = await server().request('/api/users/login', {
      method: 'POST',
      headers: { 'X-Forwarded-For': freshAddress() },
      json: { email: frontend.email, password },
    })
    expect(login.status).toBe(401)
    expect((await login.json()).token).toBeUndefined()
  })

  it('is given by an admin, and to a frontend account only', async () => {
    const { payload } = server()
    const admin = await createUser(payload, 'admin')
    const token = await server().login(admin.email, admin.password)
    const staff = await createUser(payload, 'staff')
    const headers = { 'X-Forwarded-For': freshAddress() }
    const onStaff = await server().request(`/api/users/${staff.id}`, {
      method: 'PATCH',
      token,
      headers,
      json: { enableAPIKey: true, apiKey: 'a'.repeat(40) },
    })
    expect(onStaff.status).toBe(400)
    expect(JSON.stringify(await onStaff.json())).toContain('enableAPIKey')

    const frontend = await server().request('/api/users', {
      method: 'POST',
      token,
      headers,
      json: {
        email: 'shop-site@example.com',
        password: 'Correct-Horse-Battery-9147',
        name: 'shop site',
        role: 'frontend',
        enableAPIKey: true,
        apiKey: 'b'.repeat(40),
      },
    })
    expect(frontend.status, await frontend.clone().text()).toBe(201)
    expect(
      (await statusesOf(BUDGET + 2, freshAddress(), `users API-Key ${'b'.repeat(40)}`)).every(
        (status) => status === 200,
      ),
    ).toBe(true)

    const manager = await createUser(payload, 'manager')
    const managerToken = await server().login(manager.email, manager.password)
    const byManager = await server().request(`/api/users/${manager.id}`, {
      method: 'PATCH',
      token: managerToken,
      headers,
      json: { enableAPIKey: true, apiKey: 'c'.repeat(40) },
    })
    expect(byManager.status).toBeLessThan(500)
    const stored = await payload.db.findOne({ collection: 'users', where: { id: { equals: manager.id } } })
    expect((stored as { apiKeyIndex?: string | null }).apiKeyIndex ?? null).toBeNull()
  })
})
