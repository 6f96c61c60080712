import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MALFORMED_IDS } from '../helpers/fuzzCases'
import { FUZZ_SAMPLES, type FuzzScene } from '../helpers/fuzzSamples'
import { createStores, signedInUser } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import {
  MALFORMED_REST_QUERIES,
  malformedGraphqlVariables,
  ODD_REST_QUERIES,
  oddGraphqlVariables,
} from '../helpers/malformedQueries'
import { startServer, type TestServer } from '../helpers/server'

/*
 * No input to a lookup by slug gives a 5xx: hostile slugs (paths, quotes, huge, broken escapes, operators), every
 * malformed and odd query string of the REST suite on a slug that exists, and wrong-typed GraphQL arguments of
 * every <Type>BySlug query and of StoreArticles and StoreRepairLogs, anonymous and as the admin.
 */

const LOOKUPS = [
  ['stores', 'Store'],
  ['articles', 'Article'],
  ['repair-logs', 'RepairLog'],
  ['devices', 'Device'],
  ['campaigns', 'Campaign'],
] as const
const STORE_LISTS = [
  ['Articles', 'Article'],
  ['RepairLogs', 'RepairLog'],
] as const

/** Slugs as a careless client or an attacker sends them, encoded for a path. */
const HOSTILE_SLUGS = [
  ...MALFORMED_IDS,
  'x'.repeat(5000),
  '日本語のスラッグ',
  'a b',
  "'; DROP TABLE stores; --",
  '%00',
  '..%2F..%2Fetc',
  '{"$ne":null}',
  'saga?where[id][exists]=true',
]
/** Paths that are no URL: a broken percent escape is a 400 before any lookup. */
const BROKEN_ESCAPES = ['%', '%E0%A4%A', '%zz']
const pathOf = (slug: string) => (/%/.test(slug) ? slug : encodeURIComponent(slug))

let server: TestServer
let adminToken: string
/** The slug of one published document of each collection with a lookup, and of its store. */
const slugs: Record<string, string> = {}

beforeAll(async () => {
  server = await startServer()
  const { payload } = server
  const { fuzz: store } = await createStores(payload, { fuzz: 'fuzz-store' })
  const image = await pngImage()
  const admin = await signedInUser(server, 'admin')
  adminToken = admin.token
  const device = await payload.create({
    collection: 'devices',
    data: FUZZ_SAMPLES.devices!({} as FuzzScene, 'fuzz-device') as never,
    overrideAccess: true,
  })
  const picture = await payload.create({
    collection: 'media',
    data: { alt: 'fuzz' },
    file: { data: image, mimetype: 'image/png', name: 'fuzz.png', size: image.length },
    overrideAccess: true,
  })
  const scene: FuzzScene = { store: store!, device: device.id, image: picture.id, article: '', actor: admin.id }
  slugs.stores = 'fuzz'
  slugs.devices = String(device.slug)
  for (const collection of ['articles', 'repair-logs', 'campaigns'] as const) {
    const doc = await payload.create({
      collection,
      data: { ...FUZZ_SAMPLES[collection]!(scene, `fuzz-${collection}`), _status: 'published' } as never,
      overrideAccess: true,
    })
    slugs[collection] = String(doc.slug)
  }
})
afterAll(async () => {
  await server?.stop()
})

const asEveryone = (token: string | undefined) => (token ? 'the admin' : 'anonymous')

describe.each([undefined, 'admin'])('REST, %s', (who) => {
  const token = () => (who ? adminToken : undefined)

  it('a hostile slug is answered 404 on every collection, a broken escape 400', async () => {
    const wrong: string[] = []
    for (const [collection] of LOOKUPS) {
      for (const [slug, expected] of [
        ...HOSTILE_SLUGS.map((slug) => [slug, 404] as const),
        ...BROKEN_ESCAPES.map((slug) => [slug, 400] as const),
      ]) {
        const response = await server.request(`/api/${collection}/slug/${pathOf(slug)}`, { token: token() })
        if (response.status !== expected)
          wrong.push(`${response.status} ${collection} ${slug.slice(0, 40)} (${asEveryone(token())})`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('a malformed query on a slug that exists is a 4xx naming the parameter, an odd one never a 5xx', async () => {
    const wrong: string[] = []
    for (const [collection] of LOOKUPS) {
      const route = `/api/${collection}/slug/${slugs[collection]}`
      for (const { parameter, query } of MALFORMED_REST_QUERIES) {
        const response = await server.request(`${route}?${query}`, { token: token() })
        const named: string | undefined = (await response.json().catch(() => null))?.errors?.[0]?.data?.parameter
        const namesIt =
          named === undefined || named === parameter || named.startsWith(`${parameter}.`) || parameter === 'locale'
        if (response.status < 400 || response.status >= 500 || !namesIt)
          wrong.push(`${response.status} ${route}?${query} (${named ?? 'no parameter named'})`)
      }
      for (const { query } of ODD_REST_QUERIES) {
        const response = await server.request(`${route}?${query}`, { token: token() })
        if (response.status >= 500) wrong.push(`${response.status} ${route}?${query}`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe.each([undefined, 'admin'])('GraphQL, %s', (who) => {
  const token = () => (who ? adminToken : undefined)
  const send = async (query: string, variables: Record<string, unknown>) => {
    const { status, body } = await server.graphql(query, { variables, token: token() })
    return {
      status,
      body,
      codes: (body.errors ?? []).map(
        (error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode ?? status,
      ) as number[],
    }
  }

  it('a hostile slug is a null field with a 404 error in every lookup and store list', async () => {
    const wrong: string[] = []
    const queries = [
      ...LOOKUPS.map(([, type]) => `query ($slug: String!) { found: ${type}BySlug(slug: $slug) { id } }`),
      ...STORE_LISTS.map(([plural]) => `query ($slug: String!) { found: Store${plural}(store: $slug) { totalDocs } }`),
    ]
    for (const query of queries) {
      for (const slug of HOSTILE_SLUGS) {
        const { status, body, codes } = await send(query, { slug })
        if (status !== 200 || body.data?.found !== null || codes.join() !== '404')
          wrong.push(`${status} ${codes.join()} ${query.slice(20, 60)} ${slug.slice(0, 40)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('a slug of the wrong type is a 400, and so is every malformed list argument of the store lists; odd ones are never a 5xx', async () => {
    const wrong: string[] = []
    for (const [, type] of LOOKUPS) {
      for (const slug of [5, { equals: 'saga' }, ['saga'], null]) {
        const { status } = await send(`query ($slug: String!) { ${type}BySlug(slug: $slug) { id } }`, { slug })
        if (status !== 400) wrong.push(`${status} ${type}BySlug(${JSON.stringify(slug)})`)
      }
    }
    for (const [plural, singular] of STORE_LISTS) {
      // The list suite's queries, asked of the store list with the store's slug as one more variable.
      const asStoreList = (query: string) =>
        query.replace('query(', 'query($store: String!, ').replace(`{ ${plural}(`, `{ Store${plural}(store: $store, `)
      for (const { label, query, variables } of malformedGraphqlVariables(plural, singular)) {
        const { status } = await send(asStoreList(query), { ...variables, store: 'fuzz' })
        if (status !== 400) wrong.push(`${status} Store${plural}: ${label}`)
      }
      for (const { label, query, variables } of oddGraphqlVariables(plural, singular)) {
        const { status, codes } = await send(asStoreList(query), { ...variables, store: 'fuzz' })
        if (status >= 500 || codes.some((code) => code >= 500))
          wrong.push(`${status} ${codes.join()} Store${plural}: ${label}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
