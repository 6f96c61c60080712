/**
 * The writer of a post as the public sees them: the account's public name (表示名), else the store's short name, and
 * the store the post belongs to; never the account's name, e-mail, role or ID.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { plainTextToLexical } from '../src/lib/lexicalText'
import { storeData } from './helpers/fixtures'
import { createFrontend, createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let store: { id: string; slug: string; name: string; shortName: string }
let named: Awaited<ReturnType<typeof createUser>>
let unnamed: Awaited<ReturnType<typeof createUser>>
let frontendAuthorization: string

const PUBLIC_NAME = '佐賀の修理担当'
const ARTICLE = 'profile-article'
const REPORT = 'profile-report'
const body = plainTextToLexical([['本文']])
const publishedAt = '2026-04-01T00:00:00.000Z'

beforeAll(async () => {
  server = await startServer()
  const { payload } = server
  const created = await payload.create({
    collection: 'stores',
    data: storeData('profile-store', { name: 'スマホスピタル佐賀駅前店', shortName: 'スマホスピタル佐賀駅前' }),
    overrideAccess: true,
  })
  store = { id: String(created.id), slug: 'profile-store', name: created.name, shortName: 'スマホスピタル佐賀駅前' }
  named = await createUser(payload, 'staff', { stores: [store.id] })
  await payload.update({
    collection: 'users',
    id: named.id,
    data: { name: '山田太郎', publicName: PUBLIC_NAME },
    overrideAccess: true,
  })
  unnamed = await createUser(payload, 'staff', { stores: [store.id] })
  frontendAuthorization = (await createFrontend(payload)).authorization
  await payload.create({
    collection: 'articles',
    data: {
      title: ARTICLE,
      slug: ARTICLE,
      category: 'news',
      publishedAt,
      store: store.id,
      author: named.id,
      body,
      _status: 'published',
    },
    overrideAccess: true,
  })
  const device = await payload.create({
    collection: 'devices',
    data: { brand: 'apple', model: 'iPhone 8' },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'repair-logs',
    data: {
      title: REPORT,
      slug: REPORT,
      publishedAt,
      store: store.id,
      author: unnamed.id,
      device: device.id,
      repairMenu: 'battery',
      body,
      _status: 'published',
    },
    overrideAccess: true,
  })
})
afterAll(async () => {
  await server?.stop()
})

const json = async (path: string, headers: Record<string, string> = {}) => {
  const response = await server.request(path, { headers })
  expect(response.status, path).toBe(200)
  return response.json()
}

/** Every key and every string value anywhere in an answer. */
const walk = (
  value: unknown,
  found: { keys: Set<string>; strings: Set<string> } = { keys: new Set(), strings: new Set() },
) => {
  if (typeof value === 'string') found.strings.add(value)
  else if (Array.isArray(value)) for (const item of value) walk(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.keys.add(key)
      walk(item, found)
    }
  }
  return found
}

describe('the public author profile', () => {
  it("anonymous REST and GraphQL of a published post show the writer's public name and the post's store", async () => {
    const profile = { name: PUBLIC_NAME, store: { slug: store.slug, name: store.name } }
    expect((await json(`/api/articles/slug/${ARTICLE}`)).authorProfile).toEqual(profile)
    expect((await json(`/api/articles?where[slug][equals]=${ARTICLE}&depth=2`)).docs[0].authorProfile).toEqual(profile)
    const { body: answer } = await server.graphql(
      `{ ArticleBySlug(slug: "${ARTICLE}") { authorProfile { name store { slug name } } } }`,
    )
    expect(answer).toEqual({ data: { ArticleBySlug: { authorProfile: profile } } })
  })

  it("a writer with no public name is shown by the store's short name", async () => {
    const profile = { name: store.shortName, store: { slug: store.slug, name: store.name } }
    expect((await json(`/api/repair-logs/slug/${REPORT}`)).authorProfile).toEqual(profile)
    const { body: answer } = await server.graphql(
      `{ StoreRepairLogs(store: "${store.slug}") { docs { authorProfile { name store { slug name } } } } }`,
    )
    expect(answer.data.StoreRepairLogs.docs).toEqual([{ authorProfile: profile }])
  })

  it('a trimmed select that asks for the profile alone still gets it', async () => {
    const doc = await json(`/api/articles/slug/${ARTICLE}?select[authorProfile]=true`)
    expect(doc).toEqual({
      id: expect.any(String),
      authorProfile: { name: PUBLIC_NAME, store: { slug: store.slug, name: store.name } },
    })
  })

  it('no account field appears anywhere in an anonymous or frontend answer about posts, at any depth, on REST or GraphQL', async () => {
    const answers: unknown[] = []
    for (const headers of [{}, { Authorization: frontendAuthorization }] as Record<string, string>[]) {
      for (const collection of ['articles', 'repair-logs']) {
        for (const depth of [0, 1, 2]) answers.push(await json(`/api/${collection}?depth=${depth}`, headers))
        const slug = collection === 'articles' ? ARTICLE : REPORT
        answers.push(await json(`/api/${collection}/slug/${slug}?depth=2`, headers))
      }
      const response = await server.request('/api/graphql', {
        method: 'POST',
        headers,
        json: {
          query:
            '{ Articles { docs { author { id email name role publicName } authorProfile { name } } } RepairLogs { docs { author { id email name } authorProfile { name } } } }',
        },
      })
      answers.push(await response.json())
    }
    const { keys, strings } = walk(answers)
    for (const account of [named, unnamed]) {
      expect([...strings].filter((text) => text.includes(account.id) || text.includes(account.email))).toEqual([])
    }
    expect([...strings].filter((text) => text.includes('山田太郎') || text === 'staff')).toEqual([])
    // (A store's own e-mail is public: account fields are told by their values above and by these names.)
    expect(['role', 'publicName', 'stores', 'sessions', 'apiKey'].filter((key) => keys.has(key))).toEqual([])
    expect(strings.has(PUBLIC_NAME)).toBe(true)
  })

  it('the public cannot tell posts apart by their account with where or sort; signed-in staff still read and filter by it', async () => {
    for (const query of [`where[author][equals]=${named.id}`, 'where[author][exists]=true', 'sort=author']) {
      expect((await server.request(`/api/articles?${query}`)).status, query).toBe(400)
      expect(
        (await server.request(`/api/articles?${query}`, { headers: { Authorization: frontendAuthorization } })).status,
        query,
      ).toBe(400)
    }
    const token = await server.login(named.email, named.password)
    const doc = await (await server.request(`/api/articles/slug/${ARTICLE}`, { token })).json()
    expect(doc.author).toMatchObject({ id: named.id })
    const mine = await (
      await server.request(`/api/articles?where[author][equals]=${named.id}&depth=0`, { token })
    ).json()
    expect(mine.docs.map(({ slug }: { slug: string }) => slug)).toEqual([ARTICLE])
  })

  it("a staff member's new public name appears on their posts at once, through the response cache", async () => {
    await json(`/api/articles/slug/${ARTICLE}`)
    await server.payload.update({
      collection: 'users',
      id: named.id,
      data: { publicName: '佐賀駅前の田中' },
      overrideAccess: true,
    })
    expect((await json(`/api/articles/slug/${ARTICLE}`)).authorProfile.name).toBe('佐賀駅前の田中')
    await server.payload.update({
      collection: 'users',
      id: named.id,
      data: { publicName: PUBLIC_NAME },
      overrideAccess: true,
    })
  })

  it('a list of 20 posts by two writers reads two accounts, not twenty', async () => {
    for (let index = 0; index < 18; index += 1) {
      const author = index % 2 === 0 ? named.id : unnamed.id
      await server.payload.create({
        collection: 'articles',
        data: {
          title: `list ${index}`,
          category: 'news',
          publishedAt,
          store: store.id,
          author,
          body,
          _status: 'published',
        },
        overrideAccess: true,
      })
    }
    const reads = vi.spyOn(server.payload, 'findByID')
    try {
      const { docs } = await json('/api/articles?limit=20&depth=0')
      expect(docs).toHaveLength(19)
      expect(reads.mock.calls.filter(([options]) => options.collection === 'users')).toHaveLength(2)
    } finally {
      reads.mockRestore()
    }
  })
})
