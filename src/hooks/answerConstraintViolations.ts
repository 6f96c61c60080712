import type { AfterErrorHook, Payload, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { formatErrors, ValidationError } from 'payload'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

/**
 * A write the database refused for one of its constraints (unique, foreign key, not null, check) is the client's
 * error: 400 naming the field, on REST and GraphQL, whichever database runs. Payload maps only a unique violation on
 * a document's own table; the rest, and every violation on an array's or relationship's table, answered 500.
 * The checks before a write (refuseMalformedInput, refuseUnknownReferences, serverOwnsRowIds) keep these from
 * happening; what remains are races (a document deleted or a slug taken between the check and the write).
 */

type Kind = 'unique' | 'foreignKey' | 'notNull' | 'check'
type Violation = { kind: Kind; table?: string; column?: string }

const MESSAGES: Record<Kind, Bilingual> = {
  unique: { ja: 'この値は他の文書で既に使われています。', en: 'This value is already used by another document.' },
  foreignKey: { ja: '指定された文書が見つかりません。', en: 'A document this one points to does not exist.' },
  notNull: { ja: '必須項目です。', en: 'This field is required.' },
  check: { ja: 'この値は使えません。', en: 'This value is not allowed.' },
}

/** The error and its causes (drizzle wraps the driver's error; GraphQL wraps what the resolver threw). */
const chain = (error: unknown): Array<Record<string, any>> => {
  const errors: Array<Record<string, any>> = []
  let current = error as Record<string, any> | undefined
  while (current && typeof current === 'object' && !errors.includes(current) && errors.length < 10) {
    errors.push(current)
    current = current.originalError ?? current.cause
  }
  return errors
}

/** SQLite (libsql and better-sqlite3): codes SQLITE_CONSTRAINT_*, messages "UNIQUE constraint failed: table.column". */
const sqliteViolation = (error: Record<string, any>): Violation | undefined => {
  const text = `${error.code ?? ''} ${error.message ?? ''}`
  const kind: Kind | undefined = /SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)|UNIQUE constraint failed/.test(text)
    ? 'unique'
    : /SQLITE_CONSTRAINT_FOREIGNKEY|FOREIGN KEY constraint failed/.test(text)
      ? 'foreignKey'
      : /SQLITE_CONSTRAINT_NOTNULL|NOT NULL constraint failed/.test(text)
        ? 'notNull'
        : /SQLITE_CONSTRAINT_CHECK|CHECK constraint failed/.test(text)
          ? 'check'
          : undefined
  if (!kind) return undefined
  const [, table, column] = /constraint failed: "?([\w]+)"?\."?([\w]+)"?/.exec(text) ?? []
  return { kind, table, column }
}

/** PostgreSQL: SQLSTATE 23505, 23503, 23502, 23514, the table and column in the error's fields. */
const postgresViolation = (error: Record<string, any>): Violation | undefined => {
  const kinds: Record<string, Kind> = { '23505': 'unique', '23503': 'foreignKey', '23502': 'notNull', '23514': 'check' }
  const kind = kinds[String(error.code)]
  if (!kind) return undefined
  const column = error.column ?? /Key \(([^)]+)\)=/.exec(String(error.detail ?? ''))?.[1]
  return { kind, table: error.table, column }
}

/** MongoDB: duplicate key 11000 (the only constraint it keeps), the field in keyValue or keyPattern. */
const mongoViolation = (error: Record<string, any>): Violation | undefined => {
  if (error.code !== 11000 && error.code !== 11001) return undefined
  const [column] = Object.keys(error.keyValue ?? error.keyPattern ?? {})
  return { kind: 'unique', table: undefined, column }
}

export const constraintViolation = (error: unknown): Violation | undefined => {
  for (const link of chain(error)) {
    const violation = sqliteViolation(link) ?? postgresViolation(link) ?? mongoViolation(link)
    if (violation) return violation
  }
  return undefined
}

/** An error of a database driver or of drizzle around it: SQLite's SQLITE_* codes, PostgreSQL's, MongoDB's. */
const DRIVER_ERROR_NAMES = /^(LibsqlError|SqliteError|DrizzleQueryError|DatabaseError|Mongo\w*Error)$/

/** Whether an error came from the database, and how: a constraint it refused, or `other` (busy, gone, timed out...). */
export const databaseErrorKind = (error: unknown): Kind | 'other' | undefined => {
  const violation = constraintViolation(error)
  if (violation) return violation.kind
  const fromDriver = chain(error).some(
    (link) => DRIVER_ERROR_NAMES.test(String(link.name ?? '')) || /^SQLITE_/.test(String(link.code ?? '')),
  )
  return fromDriver ? 'other' : undefined
}

const squash = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase()

/** Every field path of a collection, groups and array rows included (`seo.title`, `openingHours.opens`). */
const fieldPaths = (config: SanitizedCollectionConfig): string[] => {
  const paths: string[] = []
  const walk = (fields: SanitizedCollectionConfig['flattenedFields'], prefix: string) => {
    for (const field of fields) {
      const path = `${prefix}${field.name}`
      paths.push(path)
      if ('flattenedFields' in field && field.flattenedFields) walk(field.flattenedFields, `${path}.`)
    }
  }
  walk(config.flattenedFields, '')
  return paths
}

/**
 * The field a table and column belong to, as a path (`slug`, `seo.title`, `openingHours`): SQL tables and columns are
 * snake_case forms of collection slugs and field paths, array rows live in `<collection>_<array>` tables and
 * relationships in `<collection>_rels`. Undefined when nothing matches.
 */
const fieldPath = (payload: Payload, violation: Violation, slug?: string): { collection?: string; path?: string } => {
  const collections = Object.values(payload.collections).map(({ config }) => config)
  const table = squash(violation.table ?? '')
  // A relationship's column carries an `_id` suffix (photo_id); MongoDB names the field itself.
  const columns = [squash(violation.column ?? ''), squash((violation.column ?? '').replace(/_?id$/i, ''))].filter(
    Boolean,
  )
  const owner =
    collections.find((config) => config.slug === slug) ??
    collections
      .filter((config) => table !== '' && table.startsWith(squash(config.slug)))
      .sort((a, b) => b.slug.length - a.slug.length)[0] ??
    collections.find((config) => table === '' && fieldPaths(config).some((path) => columns.includes(squash(path))))
  if (!owner) return {}
  const paths = fieldPaths(owner)
  const rest = table.slice(squash(owner.slug).length).replace(/^v(version)?/, '')
  // A column of the document's own table, then of an array table, then the array itself (its relationship rows).
  const path =
    paths.find((candidate) => columns.some((column) => squash(candidate) === `${rest}${column}`)) ??
    paths.find((candidate) => rest === '' && columns.includes(squash(candidate))) ??
    paths.find((candidate) => rest !== '' && rest !== 'rels' && squash(candidate) === rest)
  return { collection: owner.slug, path }
}

/** Config-level afterError: a constraint violation answers 400 with the field, REST and GraphQL alike. */
export const answerConstraintViolations: AfterErrorHook = ({ collection, error, graphqlResult, req }) => {
  const violation = constraintViolation(error)
  if (!violation) return
  const { collection: slug, path } = fieldPath(req.payload, violation, collection?.slug)
  const message = inRequestLanguage(MESSAGES[violation.kind], req as PayloadRequest)
  const refusal = new ValidationError(
    { collection: slug, errors: [{ path: path ?? '', message }], req: req as PayloadRequest },
    req.t,
  )
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message: refusal.message,
        extensions: { name: refusal.name, statusCode: refusal.status, data: refusal.data },
      },
    }
  }
  return { status: refusal.status, response: formatErrors(refusal) }
}
