import type { Client, InStatement, InValue } from '@libsql/client'
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { createStores } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

/**
 * Every query a frontend makes is served by an index: each public read below runs as an anonymous request (so with
 * the access rules' published-only `where`), every SELECT it made is asked for its plan on SQLite, and a full scan
 * of a table or a temporary sort that grows with the content fails. The plan of a statement depends on the schema,
 * not on how many rows there are (no ANALYZE is run), so a handful of documents shows what 10,000 would get.
 */

/** The lists and look-ups a shop site makes, per public collection (REST query strings; GraphQL below). */
const FRONTEND_QUERIES: Record<string, string[]> = {
  articles: [
    '',
    'limit=10&sort=-publishedAt',
    'limit=10&sort=-publishedAt&page=2',
    'where[store][equals]=:store&sort=-publishedAt&limit=10',
    'where[category][equals]=iphone_tips&sort=-publishedAt&limit=10',
    'where[slug][equals]=first-article&limit=1',
  ],
  'repair-logs': [
    '',
    'depth=1&limit=10',
    'limit=10&sort=-publishedAt',
    'where[store][equals]=:store&sort=-publishedAt&limit=10',
    'where[device][equals]=:device&sort=-publishedAt&limit=10',
    'where[repairMenu][equals]=screen&sort=-publishedAt&limit=10',
    'where[slug][equals]=first-report&limit=1',
  ],
  campaigns: ['', 'where[slug][equals]=spring&limit=1'],
  prices: ['', 'where[device][equals]=:device&limit=100', 'where[store][equals]=:store&limit=100'],
  stores: ['', 'where[slug][equals]=ginza&limit=1', 'where[prefecture][equals]=tokyo'],
  devices: ['', 'where[slug][equals]=iphone-8&limit=1', 'where[brand][equals]=apple'],
  media: ['limit=10'],
}

/** The GraphQL lists a shop site makes (names as Payload generates them), each with its arguments. */
const GRAPHQL_QUERIES = [
  '{ Articles(limit: 10, sort: "-publishedAt") { docs { id title slug store { name slug } } totalDocs } }',
  '{ Articles(where: { slug: { equals: "first-article" } }) { docs { id title } } }',
  '{ RepairLogs(limit: 10) { docs { id title device { model } store { name } } totalDocs } }',
  '{ Campaigns { docs { id title targetStores { name } } } }',
  '{ Prices(where: { device: { equals: ":device" } }) { docs { id priceYen } } }',
  '{ Stores { docs { id name slug openingHours { days opens closes } } } }',
  '{ Devices { docs { id model slug } } }',
  '{ ActiveCampaigns(store: "ginza") { id title } }',
  '{ StorePriceList(store: "ginza") { date devices { model menus { repairMenu priceYen } } } }',
  '{ StoreBySlug(slug: "ginza") { id name } ArticleBySlug(slug: "first-article") { id title } }',
  '{ StoreArticles(store: "ginza", limit: 10) { docs { id title slug } totalDocs } StoreRepairLogs(store: "ginza", limit: 10) { docs { id title } totalDocs } }',
]

/** Our endpoints (src/endpoints/), by collection and path, with a request for each. */
const ENDPOINT_REQUESTS: Record<string, string> = {
  'stores /:slug/campaigns/active': '/api/stores/ginza/campaigns/active',
  'stores /:slug/prices': '/api/stores/ginza/prices',
  'stores /:slug/prices/history': '/api/stores/ginza/prices/history?device=iphone-8',
  'stores /slug/:slug': '/api/stores/slug/ginza',
  'articles /slug/:slug': '/api/articles/slug/first-article',
  'repair-logs /slug/:slug': '/api/repair-logs/slug/first-report',
  'devices /slug/:slug': '/api/devices/slug/iphone-8',
  'campaigns /slug/:slug': '/api/campaigns/slug/spring',
}

/** Payload's own GET endpoints of a collection (lists and documents above; versions are not public; a media file is looked up by its unique name). */
const PAYLOAD_READS = new Set(['/', '/:id', '/count', '/versions', '/versions/:id', '/file/:filename'])

type PlanRow = { id: number; parent: number; detail: string }
type Statement = { sql: string; args: InValue[] }

/** Records every statement the database client runs until `stop` is called. */
const recordStatements = (client: Client) => {
  const statements: Statement[] = []
  const execute = client.execute.bind(client)
  client.execute = ((statement: InStatement) => {
    if (typeof statement === 'string') statements.push({ sql: statement, args: [] })
    else statements.push({ sql: statement.sql, args: (statement.args ?? []) as InValue[] })
    return execute(statement)
  }) as Client['execute']
  return { statements, stop: () => void (client.execute = execute) }
}

/**
 * What is wrong with one statement's plan. Allowed: searching by an index, walking an index in order (a list with
 * a limit stops early), scanning a subquery's own rows, and sorting the rows of one document (a relationship or
 * an array looked up by its id or its parent's id), which does not grow with the collection.
 */
const planProblems = (rows: PlanRow[]): string[] => {
  const coroutines = new Set(rows.flatMap(({ detail }) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(detail)?.[1] ?? []))
  const oneDocument = (row: PlanRow) => /^SEARCH \S+ USING .*\((?:id|_parent_id|parent_id)=\?\)/.test(row.detail)
  return rows.flatMap((row) => {
    const scanned = /^SCAN (\S+)(.*)$/.exec(row.detail)
    if (
      scanned &&
      !coroutines.has(scanned[1]) &&
      !/USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(scanned[2])
    ) {
      return [`full scan: ${row.detail}`]
    }
    if (/^USE TEMP B-TREE FOR (?:ORDER BY|DISTINCT|GROUP BY)/.test(row.detail)) {
      const searches = rows.filter((other) => other.parent === row.parent && /^(?:SEARCH|SCAN) /.test(other.detail))
      const ofOneDocument =
        searches.length > 0 &&
        searches.every((search) => oneDocument(search) || coroutines.has(/^SCAN (\S+)/.exec(search.detail)?.[1] ?? ''))
      if (!ofOneDocument) return [`temporary sort: ${row.detail}`]
    }
    return []
  })
}

let server: TestServer
let payload: Payload
let client: Client
let ids: Record<string, string>

beforeAll(async () => {
  server = await startServer()
  payload = server.payload
  client = (payload.db as unknown as { client: Client }).client
  const { ginza } = await createStores(payload, { ginza: '銀座店' })
  const device = await payload.create({
    collection: 'devices',
    data: { brand: 'apple', model: 'iPhone 8', slug: 'iphone-8' },
    overrideAccess: true,
  })
  const body = plainTextToLexical([['画面を交換しました。']])
  const published = { _status: 'published' as const }
  const publishedAt = '2026-04-01T00:00:00.000Z'
  await payload.create({
    collection: 'articles',
    data: {
      ...published,
      title: 'First',
      slug: 'first-article',
      category: 'iphone_tips',
      publishedAt,
      store: ginza,
      body,
    },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'repair-logs',
    data: {
      ...published,
      title: 'Report',
      slug: 'first-report',
      publishedAt,
      store: ginza,
      device: device.id,
      repairMenu: 'screen',
      body,
    },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'campaigns',
    data: {
      ...published,
      title: 'Spring',
      slug: 'spring',
      kind: 'student_discount',
      startsAt: '2020-01-01T00:00:00.000Z',
      targetStores: [ginza],
    },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'prices',
    data: {
      ...published,
      device: device.id,
      repairMenu: 'screen',
      priceYen: 9800,
      validFrom: '2020-01-01T00:00:00.000Z',
    },
    overrideAccess: true,
  })
  ids = { store: ginza, device: device.id }
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const withIds = (text: string) => text.replaceAll(':store', ids.store).replaceAll(':device', ids.device)

/** Runs a request as an anonymous visitor and answers the problems of every SELECT it made. */
const problemsOf = async (send: () => Promise<Response | { status: number; body: { errors?: unknown[] } }>) => {
  const recording = recordStatements(client)
  let answer
  try {
    answer = await send()
  } finally {
    recording.stop()
  }
  if (answer instanceof Response) expect(answer.status, await answer.clone().text()).toBe(200)
  else expect(answer.body.errors).toBeUndefined()
  const selects = recording.statements.filter(({ sql }) => /^\s*select/i.test(sql))
  expect(selects.length).toBeGreaterThan(0)
  const problems: string[] = []
  for (const { sql, args } of selects) {
    const { rows } = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })
    const plan = rows.map((row) => ({ id: Number(row.id), parent: Number(row.parent), detail: String(row.detail) }))
    if (process.env.PRINT_PLANS) console.log(`${sql}\n${plan.map((row) => `  ${row.detail}`).join('\n')}`)
    for (const problem of planProblems(plan)) problems.push(`${problem}\n    in: ${sql.slice(0, 300)}`)
  }
  return problems
}

describe('the plan of every public query', () => {
  it('lists every collection an anonymous visitor may read, and every endpoint of ours', async () => {
    const readable: string[] = []
    for (const { config } of Object.values(payload.collections)) {
      const rule = config.access.read
      const answer = await rule({ req: { user: null, payload } as never })
      if (answer !== false) readable.push(config.slug)
    }
    expect(readable.sort()).toEqual(Object.keys(FRONTEND_QUERIES).sort())
    const ours = readable.flatMap((slug) => {
      const { endpoints } = payload.collections[slug as 'stores'].config
      return Array.isArray(endpoints)
        ? endpoints
            .filter(({ method, path }) => method === 'get' && !PAYLOAD_READS.has(path))
            .map(({ path }) => `${slug} ${path}`)
        : []
    })
    expect(ours.sort()).toEqual(Object.keys(ENDPOINT_REQUESTS).sort())
  })

  for (const [slug, queries] of Object.entries(FRONTEND_QUERIES)) {
    for (const query of queries) {
      it(`GET /api/${slug}?${query} uses indexes only`, async () => {
        expect(await problemsOf(() => server.request(`/api/${slug}?${withIds(query)}`))).toEqual([])
      })
    }
  }

  it.each(Object.entries(ENDPOINT_REQUESTS))('GET %s uses indexes only', async (_path, url) => {
    expect(await problemsOf(() => server.request(url))).toEqual([])
  })

  it.each(GRAPHQL_QUERIES)('GraphQL %s uses indexes only', async (query) => {
    expect(await problemsOf(() => server.graphql(withIds(query)))).toEqual([])
  })
})
