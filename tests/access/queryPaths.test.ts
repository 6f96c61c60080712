/**
 * Query paths through relationships, generated from the live config: for every relationship or upload field of
 * every collection and every field of the collection it points to, a `where`, `sort` or `populate` path reaches
 * that field only for a reader who may read it on the related document itself. Anything else would let a reader
 * learn an unreadable value one question at a time (`where[author.sessions.id][like]=a…`).
 */
import type { CollectionSlug, FlattenedField, Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { relationId } from '../../src/lib/relations'
import { ownOtherStoresAndDevice, signedInUser } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { startServer, type TestServer } from '../helpers/server'

type Reader = { name: string; token?: string }
/** One path to try: `relation` of `collection` points into `target`, whose field sits at `fieldPath`. */
type QueryPath = { collection: string; relation: string; target: string; fieldPath: string }

/** Every data field of a collection as a dotted path (groups and arrays walked), the field types Payload can query. */
const leafPaths = (fields: FlattenedField[], prefix = ''): string[] =>
  fields.flatMap((field) => {
    const path = `${prefix}${field.name}`
    if ((field.type === 'group' || field.type === 'array') && 'flattenedFields' in field)
      return leafPaths(field.flattenedFields, `${path}.`)
    if (field.type === 'blocks' || field.type === 'join' || field.type === 'richText' || field.type === 'json')
      return []
    return [path]
  })

/** Every relationship or upload field that points at one collection, as a dotted path from the top. */
const relations = (fields: FlattenedField[], prefix = ''): { relation: string; target: string }[] =>
  fields.flatMap((field) => {
    const path = `${prefix}${field.name}`
    if ((field.type === 'group' || field.type === 'array') && 'flattenedFields' in field)
      return relations(field.flattenedFields, `${path}.`)
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string')
      return [{ relation: path, target: field.relationTo }]
    return []
  })

/** The paths of the live config; Payload's own collections are not public and not read by frontends. */
const queryPaths = (payload: Payload): QueryPath[] =>
  payload.config.collections
    .filter(({ slug }) => !slug.startsWith('payload-'))
    .flatMap(({ slug, flattenedFields }) =>
      relations(flattenedFields).flatMap(({ relation, target }) =>
        leafPaths(payload.collections[target as CollectionSlug].config.flattenedFields).map((fieldPath) => ({
          collection: slug,
          relation,
          target,
          fieldPath,
        })),
      ),
    )

/** The value at a dotted path, arrays flattened: what a reader sees of it. */
const valuesAt = (value: unknown, path: string[]): unknown[] => {
  if (path.length === 0) return value === undefined || value === null ? [] : [value]
  if (Array.isArray(value)) return value.flatMap((entry) => valuesAt(entry, path))
  if (value && typeof value === 'object') return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1))
  return []
}

let server: TestServer
let readers: Reader[]
let paths: QueryPath[]

beforeAll(async () => {
  process.env.LOGIN_MAX_FAILURES_PER_ADDRESS = '1000'
  server = await startServer()
  const { payload } = server
  const ids = await ownOtherStoresAndDevice(payload)
  // The author is signed in, so Payload's own session rows exist to be asked about.
  const author = await signedInUser(server, 'admin')
  const image = await payload.create({
    collection: 'media',
    data: { alt: '写真' },
    file: { data: await pngImage(), mimetype: 'image/png', name: 'photo.png', size: 0 },
    overrideAccess: true,
  })
  const body = plainTextToLexical([['本文']])
  const publishedAt = '2026-04-01T10:00:00+09:00'
  const published = { _status: 'published' as const }
  await payload.create({
    collection: 'articles',
    data: {
      title: '記事',
      category: 'iphone_tips',
      store: ids.own,
      author: author.id,
      heroImage: image.id,
      publishedAt,
      body,
      ...published,
    },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'repair-logs',
    data: {
      title: '修理',
      store: ids.own,
      author: author.id,
      device: ids.device,
      repairMenu: 'battery',
      publishedAt,
      body,
      ...published,
    },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'campaigns',
    data: { title: 'キャンペーン', kind: 'trade_in', startsAt: publishedAt, targetStores: [ids.own], ...published },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'prices',
    data: {
      device: ids.device,
      repairMenu: 'screen',
      priceYen: 9800,
      validFrom: publishedAt,
      store: ids.own,
      ...published,
    },
    overrideAccess: true,
  })
  readers = [
    { name: 'anonymous' },
    { name: 'staff of another store', token: (await signedInUser(server, 'staff', [ids.other])).token },
  ]
  paths = queryPaths(payload)
})
afterAll(async () => {
  await server?.stop()
})

const get = async (path: string, reader: Reader) => {
  const response = await server.request(path, { token: reader.token })
  return { status: response.status, body: (await response.json()) as { docs?: Record<string, unknown>[] } }
}

/**
 * What the reader may know of `fieldPath` on the related document: its values as the reader's own read of that
 * document shows them (none when the document or the field is not theirs to read).
 */
const readableValues = async (reader: Reader, target: string, id: string, fieldPath: string) => {
  const key = `${reader.name} ${target} ${id}`
  if (!ownReads.has(key)) ownReads.set(key, get(`/api/${target}/${id}?depth=0`, reader))
  const { status, body } = await ownReads.get(key)!
  return status === 200 ? valuesAt(body, fieldPath.split('.')) : []
}
const ownReads = new Map<string, ReturnType<typeof get>>()

/** The documents of `collection` the reader sees, asked once per reader. */
const visibleDocs = async (collection: string, reader: Reader) => {
  const key = `${reader.name} ${collection}`
  if (!visibleLists.has(key))
    visibleLists.set(
      key,
      get(`/api/${collection}?depth=0&limit=100`, reader).then(({ body }) => body.docs ?? []),
    )
  return visibleLists.get(key)!
}
const visibleLists = new Map<string, Promise<Record<string, unknown>[]>>()

describe('query paths through relationships reach only what the reader may read', () => {
  it('the config yields paths to try, into accounts among them', () => {
    expect(paths.length).toBeGreaterThan(100)
    expect(paths).toContainEqual({
      collection: 'articles',
      relation: 'author',
      target: 'users',
      fieldPath: 'sessions.id',
    })
  })

  it('where (exists, equals) and sort cannot classify documents by a field the reader cannot read', async () => {
    const leaks: string[] = []
    for (const reader of readers) {
      for (const { collection, relation, target, fieldPath } of paths) {
        // The documents the reader sees, and for each the related document and what the reader may see of the field.
        for (const doc of await visibleDocs(collection, reader)) {
          const relatedId = valuesAt(doc, relation.split('.')).map(relationId)[0]
          if (!relatedId) continue
          const stored = valuesAt(
            await server.payload.findByID({
              collection: target as CollectionSlug,
              id: relatedId,
              depth: 0,
              overrideAccess: true,
              showHiddenFields: true,
            }),
            fieldPath.split('.'),
          )
          const known = await readableValues(reader, target, relatedId, fieldPath)
          if (stored.length === 0 || known.length > 0) continue
          const path = `${relation}.${fieldPath}`
          const value = encodeURIComponent(String(stored[0] instanceof Date ? stored[0].toISOString() : stored[0]))
          for (const query of [
            `where[${path}][exists]=true`,
            `where[${path}][exists]=false`,
            `where[${path}][equals]=${value}`,
          ]) {
            const answer = await get(`/api/${collection}?depth=0&limit=100&${query}`, reader)
            if (answer.status === 200 && answer.body.docs?.some((found) => found.id === doc.id))
              leaks.push(`${reader.name}: /api/${collection}?${query} found ${String(doc.id)}`)
            if (answer.status >= 500)
              leaks.push(`${reader.name}: /api/${collection}?${query} answered ${answer.status}`)
          }
          const sorted = await get(`/api/${collection}?depth=0&limit=100&sort=-${path}`, reader)
          if (sorted.status !== 400)
            leaks.push(`${reader.name}: /api/${collection}?sort=-${path} answered ${sorted.status}, not 400`)
        }
      }
    }
    expect(leaks).toEqual([])
  }, 600_000)

  it('populate and depth never bring in a field the reader cannot read on the related document', async () => {
    const leaks: string[] = []
    for (const reader of readers) {
      const populated = new Map<string, ReturnType<typeof get>>()
      for (const { collection, relation, target, fieldPath } of paths) {
        const top = fieldPath.split('.')[0]
        const request = `/api/${collection}?depth=1&limit=100&populate[${target}][${top}]=true`
        if (!populated.has(request)) populated.set(request, get(request, reader))
        const { status, body } = await populated.get(request)!
        if (status >= 500) leaks.push(`${reader.name}: populate ${target}.${top} on ${collection} answered ${status}`)
        for (const doc of body.docs ?? []) {
          const related = valuesAt(doc, relation.split('.'))[0]
          const relatedId = relationId(related)
          if (!relatedId || typeof related !== 'object') continue
          const shown = valuesAt(related, fieldPath.split('.'))
          const known = await readableValues(reader, target, relatedId, fieldPath)
          if (shown.length > known.length)
            leaks.push(`${reader.name}: ${collection}.${relation} populated ${fieldPath}`)
        }
      }
    }
    expect(leaks).toEqual([])
  }, 600_000)
})
