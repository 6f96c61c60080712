/**
 * No MongoDB server can run here (README, "MongoDB"), so the MongoDB path is checked where it can be without one: the
 * config built for the URI docker-compose.yml gives the CMS, and the mongoose models the adapter compiles from it on
 * an unopened connection (Payload's own init, with the connection step left out). Their indexes are compared with
 * those the committed SQLite migrations hold, so an index added on one side only fails here.
 */
import type { FlattenedField, Payload } from 'payload'

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SQLITE_MIGRATIONS_DIR } from '../../src/lib/database'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { limitersFromEnvironment, mongoLimiters } from '../../src/lib/rateLimiterStore'

/** The URI the CMS gets in docker-compose.yml. */
const composeUri = /DATABASE_URI:\s*(mongodb:\/\/\S+)/.exec(
  readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'),
)?.[1]

type MongoIndex = [Record<string, number>, { unique?: boolean }]
type MongoModel = { schema: { indexes: () => MongoIndex[] } }
type MongoAdapter = {
  name: string
  transactionOptions: unknown
  collections: Record<string, MongoModel>
  versions: Record<string, MongoModel>
}

let payload: Payload
let mongo: MongoAdapter

beforeAll(async () => {
  process.env.DATABASE_URI = composeUri
  process.env.PAYLOAD_SECRET ??= 'a-secret-for-a-config-that-never-connects'
  const { default: config } = await import('../../payload.config')
  payload = await getPayload({ config, disableDBConnect: true, disableOnInit: true })
  mongo = payload.db as unknown as MongoAdapter
})
afterAll(async () => {
  await payload?.destroy()
})

/** An index as both sides can name it: the table or collection, its columns in snake_case, and whether it is unique. */
const describeIndex = (table: string, columns: string[], unique: boolean) =>
  `${table} (${columns.join(', ')})${unique ? ' unique' : ''}`

const snakeCase = (name: string) =>
  name
    .replaceAll('.', '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()

/** A field that names one document of one collection: SQLite keeps it as `<name>_id` in the row, MongoDB under its name. */
const isSingleReference = (field: FlattenedField | undefined) =>
  (field?.type === 'relationship' || field?.type === 'upload') && !field.hasMany && typeof field.relationTo === 'string'

/**
 * Each adapter indexes references on its own terms: SQLite every foreign-key column, and references to several
 * documents or collections in `_rels` tables (indexed there) where MongoDB indexes them in the document. Those are
 * left out on both sides, except a reference to one document whose field asks for an index.
 */
const isAdapterOwnReferenceIndex = (field: FlattenedField | undefined) =>
  (field?.type === 'relationship' || field?.type === 'upload') &&
  (!isSingleReference(field) || !(('index' in field && field.index) || ('unique' in field && field.unique)))

const fieldOf = (fields: FlattenedField[], name: string) => fields.find((field) => field.name === name)

/** The indexes of a collection's documents and of its versions (`_<table>_v`), as MongoDB builds them. */
const mongoIndexes = (): string[] =>
  payload.config.collections.flatMap((collection) => {
    const table = snakeCase(collection.slug.replaceAll('-', '_'))
    const models: [string, MongoModel | undefined, string][] = [
      [table, mongo.collections[collection.slug], ''],
      [`_${table}_v`, mongo.versions[collection.slug], 'version.'],
    ]
    return models.flatMap(([name, model, prefix]) =>
      (model?.schema.indexes() ?? []).flatMap(([keys, { unique }]) => {
        const paths = Object.keys(keys)
        const fields = paths.map((key) =>
          key.startsWith(prefix) ? fieldOf(collection.flattenedFields, key.slice(prefix.length)) : undefined,
        )
        if (paths.length === 1 && isAdapterOwnReferenceIndex(fields[0])) return []
        const columns = paths.map(
          (key, index) =>
            snakeCase(key) + (isSingleReference(fields[index]) || (prefix && key === 'parent') ? '_id' : ''),
        )
        return [describeIndex(name, columns, Boolean(unique))]
      }),
    )
  })

/** The indexes of the same tables in the schema the latest committed SQLite migration leaves. */
const sqliteIndexes = (): string[] => {
  const snapshot = readdirSync(SQLITE_MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .at(-1) as string
  const { tables } = JSON.parse(readFileSync(path.join(SQLITE_MIGRATIONS_DIR, snapshot), 'utf8')) as {
    tables: Record<string, { indexes: Record<string, { columns: string[]; isUnique: boolean }> }>
  }
  return payload.config.collections.flatMap((collection) => {
    const table = snakeCase(collection.slug.replaceAll('-', '_'))
    return [table, `_${table}_v`].flatMap((name) =>
      Object.values(tables[name]?.indexes ?? {}).flatMap(({ columns, isUnique }) => {
        const field =
          columns.length === 1
            ? collection.flattenedFields.find((candidate) =>
                [`${snakeCase(candidate.name)}_id`, `version_${snakeCase(candidate.name)}_id`].includes(
                  columns[0] as string,
                ),
              )
            : undefined
        return isAdapterOwnReferenceIndex(field) ? [] : [describeIndex(name, columns, isUnique)]
      }),
    )
  })
}

describe('the MongoDB configuration docker-compose.yml runs', () => {
  it('is the MongoDB adapter, with transactions on, on a URI that names the replica set they need', () => {
    expect(composeUri).toMatch(/[?&]replicaSet=\w+/)
    expect(mongo.name).toBe('mongoose')
    // Off (false) when configured so, and turned off at connection when the URI names no replica set.
    expect(mongo.transactionOptions).not.toBe(false)
    expect(mongo.transactionOptions).toBeDefined()
  })

  it('keeps the sign-in and API counters in MongoDB, shared by every instance', () => {
    expect(limitersFromEnvironment(undefined, composeUri)).toBe(mongoLimiters)
  })

  it('builds every compound index of the public lists and a unique index for every unique field', () => {
    const built = new Set(mongoIndexes())
    const wanted = payload.config.collections.flatMap((collection) => {
      const table = snakeCase(collection.slug.replaceAll('-', '_'))
      const compound = (collection.indexes ?? []).map(({ fields, unique }) =>
        describeIndex(
          table,
          fields.map(
            (name) => snakeCase(name) + (isSingleReference(fieldOf(collection.flattenedFields, name)) ? '_id' : ''),
          ),
          Boolean(unique),
        ),
      )
      const uniqueFields = collection.flattenedFields
        .filter((field) => 'unique' in field && field.unique)
        .map((field) => describeIndex(table, [snakeCase(field.name)], true))
      return [...compound, ...uniqueFields]
    })
    expect(wanted).toEqual(
      expect.arrayContaining([
        describeIndex('articles', ['slug'], true),
        describeIndex('users', ['email'], true),
        describeIndex('articles', ['store_id', '_status', 'published_at', 'created_at'], false),
      ]),
    )
    expect(wanted.filter((index) => !built.has(index))).toEqual([])
  })

  it('builds the same indexes as the SQLite migrations, collection by collection and version by version', () => {
    expect(mongoIndexes().sort()).toEqual(sqliteIndexes().sort())
  })
})
