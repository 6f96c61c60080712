import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { LabelRow } from '../../src/endpoints/labels'

import { isTimeZoneCompanion, selectFields } from '../../src/lib/selectFields'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

/** What the public reads: these collections and globals, and nothing else, have label tables. */
const PUBLIC = ['stores', 'articles', 'repair-logs', 'campaigns', 'prices', 'devices', 'media', 'site-settings']

const LABELS = 'query ($collection: String) { Labels(collection: $collection) { collection field code ja en } }'

const restRows = async (query = '') => {
  const response = await server.request(`/api/labels${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { labels: LabelRow[] }).labels
}
const graphqlRows = async (collection?: string) => {
  const { body } = await server.graphql<{ Labels: LabelRow[] }>(LABELS, { variables: { collection } })
  expect(body.errors).toBeUndefined()
  return body.data!.Labels
}

describe('label tables of every code (GET /api/labels, GraphQL Labels)', () => {
  it('answer the same rows over REST and GraphQL, whole and for one collection', async () => {
    const all = await restRows()
    expect(await graphqlRows()).toEqual(all)
    const stores = await restRows('?collection=stores')
    expect(await graphqlRows('stores')).toEqual(stores)
    expect(stores).toEqual(all.filter((row) => row.collection === 'stores'))
  })

  it('name the public collections and globals in Japanese and English, and no other', async () => {
    const names = (await restRows()).filter((row) => row.field === null)
    expect(names.map((row) => row.collection).sort()).toEqual([...PUBLIC].sort())
    expect(names).toContainEqual({
      collection: 'repair-logs',
      field: null,
      code: null,
      ja: '修理ブログ',
      en: 'Repair reports',
    })
  })

  it('hold every code of every select and radio field of the public collections, with a Japanese and an English label', async () => {
    const rows = await restRows()
    const { collections, globals } = server.payload.config
    const walked = [...collections, ...globals]
      .filter(({ slug }) => PUBLIC.includes(slug))
      .flatMap(({ slug, fields }) =>
        selectFields(fields)
          .filter((field) => !isTimeZoneCompanion(field))
          .map((field) => ({ slug, field })),
      )
    // The walk reaches fields inside arrays: the weekdays of the opening hours.
    expect(walked.map(({ slug, field }) => `${slug}.${field.path}`)).toContain('stores.openingHours.days')
    const missing = walked.flatMap(({ slug, field }) =>
      [null, ...field.options.map((option) => option.value)]
        .filter((code) => {
          const row = rows.find(
            (candidate) => candidate.collection === slug && candidate.field === field.path && candidate.code === code,
          )
          return !row || row.ja.trim() === '' || row.en.trim() === ''
        })
        .map((code) => `${slug}.${field.path}: ${code ?? '(field name)'}`),
    )
    expect(missing).toEqual([])
    expect(rows).toEqual(
      expect.arrayContaining([
        { collection: 'stores', field: 'prefecture', code: 'saga', ja: '佐賀県', en: 'Saga' },
        { collection: 'stores', field: 'openingHours.days', code: 'sun', ja: '日', en: 'Sun' },
        { collection: 'campaigns', field: 'kind', code: 'trade_in', ja: '下取り', en: 'Trade-in' },
        {
          collection: 'prices',
          field: 'repairMenu',
          code: 'back_glass',
          ja: '背面ガラス交換',
          en: 'Back glass replacement',
        },
        // Payload's own labels are given in both languages too.
        { collection: 'articles', field: '_status', code: 'published', ja: '公開済み', en: 'Published' },
      ]),
    )
  })

  it.each(['nowhere', 'users', 'audit-log', '', '__proto__', 'Stores'])(
    'answer a collection that is not public (%j) with a 400 naming the parameter, on both APIs',
    async (collection) => {
      const response = await server.request(`/api/labels?collection=${encodeURIComponent(collection)}`, {
        headers: { 'Accept-Language': 'en' },
      })
      expect(response.status).toBe(400)
      const rest = (await response.json()).errors[0]
      expect(rest.data.errors[0].path).toBe('collection')
      expect(rest.message).toContain('collection')
      const { body } = await server.graphql(LABELS, { variables: { collection } })
      expect(body.data).toBeNull()
      expect(body.errors?.[0].extensions).toMatchObject({ statusCode: 400, data: { errors: [{ path: 'collection' }] } })
    },
  )

  it("hold every code of the store endpoints' answers too: each StorePriceSource of the price list", async () => {
    const { body } = await server.graphql('{ __type(name: "StorePriceSource") { enumValues { name } } }')
    const codes = body.data.__type.enumValues.map(({ name }: { name: string }) => name)
    const { labels } = await (await server.request('/api/labels?collection=prices')).json()
    const rows = labels.filter(
      (row: { field: string | null; code: string | null }) => row.field === 'source' && row.code !== null,
    )
    expect(rows.map((row: { code: string }) => row.code).sort()).toEqual([...codes].sort())
    for (const row of rows) expect(row.ja && row.en, row.code).toBeTruthy()
  })

  it('are answered from the response cache like any anonymous read, with an ETag that revalidates to 304', async () => {
    const first = await server.request('/api/labels?collection=campaigns')
    const second = await server.request('/api/labels?collection=campaigns')
    expect([first.status, second.headers.get('x-cache')]).toEqual([200, 'HIT'])
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    const revalidated = await server.request('/api/labels?collection=campaigns', {
      headers: { 'If-None-Match': first.headers.get('etag') as string },
    })
    expect(revalidated.status).toBe(304)
  })
})
