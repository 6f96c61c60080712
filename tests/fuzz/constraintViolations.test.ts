import type { AfterErrorHookArgs } from 'payload'

import { describe, expect, it } from 'vitest'

import { answerConstraintViolations, constraintViolation } from '../../src/hooks/answerConstraintViolations'

/*
 * The last line of "no input gives a 5xx": a write the database refuses for a constraint answers 400 naming the
 * field, whichever database refused it. The checks before every write keep these from happening in the fuzz suite,
 * so the shapes each driver throws are replayed here.
 */

/** How drizzle wraps a driver's error (DrizzleQueryError: the query text, the driver's error as the cause). */
const drizzleError = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Failed query: insert into "stores" … params: …'), {
    cause: Object.assign(new Error(String(cause.message)), cause),
  })

const SQLITE_UNIQUE = drizzleError({
  code: 'SQLITE_CONSTRAINT_UNIQUE',
  message: 'SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: stores.slug',
})
const SQLITE_ROW_ID = drizzleError({
  code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  message: 'SQLITE_CONSTRAINT_PRIMARYKEY: UNIQUE constraint failed: stores_opening_hours.id',
})
const SQLITE_FOREIGN_KEY = drizzleError({
  code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  message: 'SQLITE_CONSTRAINT_FOREIGNKEY: FOREIGN KEY constraint failed',
})
const SQLITE_NOT_NULL = drizzleError({
  code: 'SQLITE_CONSTRAINT_NOTNULL',
  message: 'SQLITE_CONSTRAINT_NOTNULL: NOT NULL constraint failed: stores_opening_hours.opens',
})
const POSTGRES_UNIQUE = drizzleError({
  code: '23505',
  table: 'stores',
  detail: 'Key (slug)=(saga) already exists.',
  message: 'duplicate key value',
})
const POSTGRES_FOREIGN_KEY = drizzleError({
  code: '23503',
  table: 'stores',
  detail: 'Key (photo_id)=(x) is not present in table "media".',
  message: 'violates foreign key',
})
const MONGO_DUPLICATE = Object.assign(
  new Error('E11000 duplicate key error collection: cms.stores index: slug_1 dup key: { slug: "saga" }'),
  {
    code: 11000,
    keyValue: { slug: 'saga' },
  },
)

describe('the constraint violations of each database are recognised', () => {
  it.each([
    ['SQLite unique', SQLITE_UNIQUE, { kind: 'unique', table: 'stores', column: 'slug' }],
    ['SQLite row ID', SQLITE_ROW_ID, { kind: 'unique', table: 'stores_opening_hours', column: 'id' }],
    ['SQLite foreign key', SQLITE_FOREIGN_KEY, { kind: 'foreignKey', table: undefined, column: undefined }],
    ['SQLite not null', SQLITE_NOT_NULL, { kind: 'notNull', table: 'stores_opening_hours', column: 'opens' }],
    ['PostgreSQL unique', POSTGRES_UNIQUE, { kind: 'unique', table: 'stores', column: 'slug' }],
    ['PostgreSQL foreign key', POSTGRES_FOREIGN_KEY, { kind: 'foreignKey', table: 'stores', column: 'photo_id' }],
    ['MongoDB duplicate key', MONGO_DUPLICATE, { kind: 'unique', table: undefined, column: 'slug' }],
  ])('%s', (_name, error, violation) => {
    expect(constraintViolation(error)).toEqual(violation)
  })

  it('leaves every other error to Payload', () => {
    expect(constraintViolation(new Error('Something else'))).toBeUndefined()
    expect(constraintViolation(drizzleError({ code: 'SQLITE_BUSY', message: 'database is locked' }))).toBeUndefined()
  })
})

/** A request of a CMS with one collection, stores, its fields as Payload flattens them. */
const storesField = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'text', ...extra })
const req = {
  i18n: { language: 'en' },
  t: (key: string) => key,
  payload: {
    collections: {
      stores: {
        config: {
          slug: 'stores',
          flattenedFields: [
            storesField('slug'),
            storesField('photo'),
            { name: 'openingHours', type: 'array', flattenedFields: [storesField('id'), storesField('opens')] },
          ],
        },
      },
    },
  },
} as unknown as AfterErrorHookArgs['req']

const answer = (error: Error, graphql = false) =>
  answerConstraintViolations({
    error,
    req,
    context: {},
    ...(graphql ? { graphqlResult: { message: 'Something went wrong.' } } : {}),
  } as AfterErrorHookArgs)

const paths = (result: any) =>
  (result.response ?? { errors: [result.graphqlResult.extensions] }).errors.flatMap((error: any) =>
    error.data.errors.map((item: any) => item.path),
  )

describe('a violation answers 400 naming the field', () => {
  it.each([
    ['a unique value', SQLITE_UNIQUE, 'slug'],
    ['a row ID', SQLITE_ROW_ID, 'openingHours.id'],
    ['a row field', SQLITE_NOT_NULL, 'openingHours.opens'],
    ['a PostgreSQL foreign key', POSTGRES_FOREIGN_KEY, 'photo'],
    ['a MongoDB duplicate', MONGO_DUPLICATE, 'slug'],
  ])('%s over REST', (_name, error, path) => {
    const result = answer(error) as any
    expect(result.status).toBe(400)
    expect(paths(result)).toEqual([path])
  })

  it('over GraphQL, with the status in the extensions', () => {
    const result = answer(SQLITE_UNIQUE, true) as any
    expect(result.graphqlResult.extensions).toMatchObject({ name: 'ValidationError', statusCode: 400 })
    expect(paths(result)).toEqual(['slug'])
  })

  it('without a field where the database names none (SQLite foreign keys)', () => {
    const result = answer(SQLITE_FOREIGN_KEY) as any
    expect(result.status).toBe(400)
    expect(result.response.errors[0].data.errors[0].message).toBe('A document this one points to does not exist.')
  })

  it('and leaves other errors alone', () => {
    expect(answer(new Error('Something else'))).toBeUndefined()
  })
})
