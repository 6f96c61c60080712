/**
 * Every lookup a shop site makes by slug (a store, a post, a device, a campaign) answers on REST and GraphQL alike:
 * the document Payload's by-ID read gives, under Payload's read rules for the caller, and one "not found".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { createStores, signedInUser, type SignedInUser } from './helpers/fixtures'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let sagaStaff: SignedInUser
let otherStaff: SignedInUser
let ids: Record<string, string>

const DRAFT_SLUG = 'draft-only-article'
const OTHER_SLUG = 'other-store-article'

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const saga = (
    await server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } }, overrideAccess: true })
  ).docs[0]!
  ids = { saga: String(saga.id), ...(await createStores(server.payload, { other: 'ほかの店' })) }
  ;[sagaStaff, otherStaff] = await Promise.all([
    signedInUser(server, 'staff', [ids.saga!]),
    signedInUser(server, 'staff', [ids.other!]),
  ])
  const article = (slug: string, store: string) => ({
    title: slug,
    slug,
    category: 'news' as const,
    publishedAt: '2026-04-01T00:00:00.000Z',
    store,
    body: plainTextToLexical([[slug]]),
  })
  await server.payload.create({
    collection: 'articles',
    data: { ...article(DRAFT_SLUG, ids.saga!), _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  await server.payload.create({
    collection: 'articles',
    data: { ...article(OTHER_SLUG, ids.other!), _status: 'published' },
    overrideAccess: true,
  })
})
afterAll(async () => {
  await server?.stop()
})

const rest = async (path: string, { token, language }: { token?: string; language?: string } = {}) => {
  const response = await server.request(path, { token, headers: language ? { 'Accept-Language': language } : {} })
  return { status: response.status, body: await response.json() }
}
const graphql = async (
  query: string,
  variables: Record<string, unknown> = {},
  { token, language }: { token?: string; language?: string } = {},
) => {
  const response = await server.request('/api/graphql', {
    method: 'POST',
    token,
    json: { query, variables },
    headers: language ? { 'Accept-Language': language } : {},
  })
  return { status: response.status, body: await response.json() }
}

/** A published document of each collection with a lookup, its slug and the GraphQL query that looks it up. */
const publishedSlugOf = async (collection: 'stores' | 'articles' | 'repair-logs' | 'devices' | 'campaigns') => {
  const { docs } = await server.payload.find({
    collection,
    where: collection === 'stores' || collection === 'devices' ? {} : { _status: { equals: 'published' } },
    limit: 1,
    sort: 'slug',
    overrideAccess: true,
  })
  return { id: String(docs[0]!.id), slug: String(docs[0]!.slug) }
}
const LOOKUPS = [
  ['stores', 'StoreBySlug'],
  ['articles', 'ArticleBySlug'],
  ['repair-logs', 'RepairLogBySlug'],
  ['devices', 'DeviceBySlug'],
  ['campaigns', 'CampaignBySlug'],
] as const

describe('a document by its slug', () => {
  it('GET /api/stores/slug/saga is the store GET /api/stores/{id} gives, and /api/stores/saga is still no route to it', async () => {
    const bySlug = await rest('/api/stores/slug/saga')
    expect(bySlug.status).toBe(200)
    expect(bySlug.body).toEqual((await rest(`/api/stores/${ids.saga}`)).body)
    expect((await rest('/api/stores/saga')).status).toBe(404)
  })

  it.each(LOOKUPS)(
    '%s: REST by slug answers as by ID with depth and select, and GraphQL %s answers the same document',
    async (collection, query) => {
      const { id, slug } = await publishedSlugOf(collection)
      const trimmed = '?depth=0&select[slug]=true&select[createdAt]=true'
      const bySlug = await rest(`/api/${collection}/slug/${slug}${trimmed}`)
      expect(bySlug.status).toBe(200)
      expect(bySlug.body).toEqual((await rest(`/api/${collection}/${id}${trimmed}`)).body)
      expect(Object.keys(bySlug.body).sort()).toEqual(['createdAt', 'id', 'slug'])
      const { status, body } = await graphql(
        `query ($slug: String!) { found: ${query}(slug: $slug) { id slug createdAt } }`,
        { slug },
      )
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined })
      expect(body.data.found).toEqual({ id, slug, createdAt: bySlug.body.createdAt })
    },
  )

  it('depth populates relationships as on the by-ID route', async () => {
    const { slug } = await publishedSlugOf('articles')
    const shallow = await rest(`/api/articles/slug/${slug}?depth=0`)
    const deep = await rest(`/api/articles/slug/${slug}?depth=1`)
    expect(typeof shallow.body.store).toBe('string')
    expect(deep.body.store).toMatchObject({ id: shallow.body.store, slug: 'saga' })
  })
})

describe('the read rules of Payload, for the caller', () => {
  const articleBySlug =
    'query ($slug: String!, $draft: Boolean) { ArticleBySlug(slug: $slug, draft: $draft) { slug _status } }'

  it('the public reads no draft, with or without draft=true: the same 404 on REST and GraphQL', async () => {
    for (const draft of ['', '?draft=true']) {
      expect(await rest(`/api/articles/slug/${DRAFT_SLUG}${draft}`)).toEqual({
        status: 404,
        body: { errors: [{ message: `記事「${DRAFT_SLUG}」は見つかりません。` }] },
      })
    }
    const { status, body } = await graphql(articleBySlug, { slug: DRAFT_SLUG, draft: true })
    expect(status).toBe(200)
    expect(body.data).toEqual({ ArticleBySlug: null })
    expect(body.errors[0]).toMatchObject({
      message: `記事「${DRAFT_SLUG}」は見つかりません。`,
      extensions: { statusCode: 404 },
      path: ['ArticleBySlug'],
    })
  })

  it('a published post with a newer draft: draft=true gives the public the published one, as by ID does, on REST and GraphQL', async () => {
    const { id } = await server.payload.create({
      collection: 'articles',
      data: {
        title: '公開版',
        slug: 'published-then-edited',
        category: 'news',
        publishedAt: '2026-04-01T00:00:00.000Z',
        store: ids.saga!,
        body: plainTextToLexical([['公開版']]),
        _status: 'published',
      },
      overrideAccess: true,
    })
    await server.payload.update({
      collection: 'articles',
      id,
      data: { title: '下書きの改題' },
      draft: true,
      overrideAccess: true,
    })
    const byID = await rest(`/api/articles/${id}?draft=true`)
    expect(byID).toMatchObject({ status: 200, body: { title: '公開版' } })
    expect(await rest('/api/articles/slug/published-then-edited?draft=true')).toEqual(byID)
    const { body } = await graphql(articleBySlug, { slug: 'published-then-edited', draft: true })
    expect(body.data.ArticleBySlug).toEqual({ slug: 'published-then-edited', _status: 'published' })
  })

  it('staff of the store read its draft as by ID; staff of another store never', async () => {
    const { id } = (
      await server.payload.find({
        collection: 'articles',
        where: { slug: { equals: DRAFT_SLUG } },
        draft: true,
        overrideAccess: true,
      })
    ).docs[0]!
    for (const draft of ['', '?draft=true']) {
      const byID = await rest(`/api/articles/${id}${draft}`, { token: sagaStaff.token })
      expect(byID.status).toBe(200)
      expect(await rest(`/api/articles/slug/${DRAFT_SLUG}${draft}`, { token: sagaStaff.token })).toEqual(byID)
    }
    expect((await rest(`/api/articles/slug/${DRAFT_SLUG}?draft=true`, { token: sagaStaff.token })).body).toMatchObject({
      slug: DRAFT_SLUG,
      _status: 'draft',
    })
    expect(
      (await graphql(articleBySlug, { slug: DRAFT_SLUG, draft: true }, { token: sagaStaff.token })).body.data
        .ArticleBySlug,
    ).toEqual({ slug: DRAFT_SLUG, _status: 'draft' })
    expect((await rest(`/api/articles/slug/${DRAFT_SLUG}?draft=true`, { token: otherStaff.token })).status).toBe(404)
    expect(
      (await graphql(articleBySlug, { slug: DRAFT_SLUG, draft: true }, { token: otherStaff.token })).body.data
        .ArticleBySlug,
    ).toBeNull()
  })
})

describe('one "not found" for every store query and lookup', () => {
  it('an unknown store: the REST routes answer 404 and the GraphQL queries null with statusCode 404, all with the same message, in the language asked', async () => {
    for (const language of ['ja', 'en']) {
      const message = language === 'en' ? 'No store has the slug "nowhere".' : '店舗「nowhere」は見つかりません。'
      for (const path of [
        '/api/stores/slug/nowhere',
        '/api/stores/nowhere/campaigns/active',
        '/api/stores/nowhere/prices',
      ]) {
        expect(await rest(path, { language }), path).toEqual({ status: 404, body: { errors: [{ message }] } })
      }
      const { status, body } = await graphql(
        '{ StoreBySlug(slug: "nowhere") { id } ActiveCampaigns(store: "nowhere") { id } StorePriceList(store: "nowhere") { date } StoreArticles(store: "nowhere") { totalDocs } StoreRepairLogs(store: "nowhere") { totalDocs } }',
        {},
        { language },
      )
      expect(status).toBe(200)
      expect(body.data).toEqual({
        StoreBySlug: null,
        ActiveCampaigns: null,
        StorePriceList: null,
        StoreArticles: null,
        StoreRepairLogs: null,
      })
      expect(
        body.errors.map((error: { message: string; extensions: { statusCode: number } }) => [
          error.message,
          error.extensions.statusCode,
        ]),
      ).toEqual(Array(5).fill([message, 404]))
    }
  })
})

describe('the posts of a store by its slug on GraphQL', () => {
  it('StoreArticles and StoreRepairLogs list what REST lists for where[store.slug][equals], in the same order', async () => {
    for (const [collection, query] of [
      ['articles', 'StoreArticles'],
      ['repair-logs', 'StoreRepairLogs'],
    ] as const) {
      const viaRest = await rest(`/api/${collection}?where[store.slug][equals]=saga&limit=2&page=1&depth=0`)
      const { body } = await graphql(
        `{ list: ${query}(store: "saga", limit: 2, page: 1) { docs { id } totalDocs hasNextPage } }`,
      )
      expect(viaRest.body.totalDocs).toBeGreaterThan(0)
      expect(body.data.list).toEqual({
        docs: viaRest.body.docs.map(({ id }: { id: string }) => ({ id })),
        totalDocs: viaRest.body.totalDocs,
        hasNextPage: viaRest.body.hasNextPage,
      })
    }
  })

  it("never lists another store's post, nor a draft to the public; a where narrows the store's list further", async () => {
    const { body } = await graphql(
      '{ all: StoreArticles(store: "saga", limit: 100, draft: true) { docs { slug } } none: StoreArticles(store: "saga", where: { slug: { equals: "no-such-post" } }) { totalDocs } }',
    )
    const slugs = body.data.all.docs.map(({ slug }: { slug: string }) => slug)
    expect(slugs.length).toBeGreaterThan(0)
    expect(slugs).not.toContain(OTHER_SLUG)
    expect(slugs).not.toContain(DRAFT_SLUG)
    expect(body.data.none.totalDocs).toBe(0)
  })

  it('a whole store page is one GraphQL request: the store, its campaigns today, articles, repair reports and price list', async () => {
    const page = `query StorePage($store: String!) {
      store: StoreBySlug(slug: $store) { name slug phone }
      campaigns: ActiveCampaigns(store: $store) { title kind }
      articles: StoreArticles(store: $store, limit: 5) { docs { title slug publishedAt } totalDocs }
      repairLogs: StoreRepairLogs(store: $store, limit: 5) { docs { title slug publishedAt } totalDocs }
      prices: StorePriceList(store: $store) { devices { model menus { repairMenu priceYen } } }
    }`
    const { status, body } = await graphql(page, { store: 'saga' })
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined })
    const { store, campaigns, articles, repairLogs, prices } = body.data
    expect(store).toMatchObject({ slug: 'saga', name: (await rest('/api/stores/slug/saga')).body.name })
    expect(campaigns.map(({ title }: { title: string }) => title)).toEqual(
      (await rest('/api/stores/saga/campaigns/active')).body.campaigns.map(({ title }: { title: string }) => title),
    )
    expect(articles.totalDocs).toBe((await rest('/api/articles?where[store.slug][equals]=saga')).body.totalDocs)
    expect(repairLogs.docs.map(({ slug }: { slug: string }) => slug)).toEqual(
      (await rest('/api/repair-logs?where[store.slug][equals]=saga&limit=5')).body.docs.map(
        ({ slug }: { slug: string }) => slug,
      ),
    )
    expect(prices.devices.length).toBeGreaterThan(0)
  })
})
