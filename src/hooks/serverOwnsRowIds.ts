import type { CollectionBeforeChangeHook, CollectionSlug, FlattenedField, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

/**
 * The IDs of array and block rows are the server's. A client that sends back a document it read (row IDs and all)
 * as a new one, or moves rows from one document to another, sent IDs another document's rows already hold: the SQL
 * adapters keep row IDs in a unique column, so the write failed as a 500, after the document itself was written.
 * A new document's rows get fresh IDs; an edit keeps the ID of a row only if it is one of this document's own rows
 * (once: a second row with the same ID gets a fresh one), the rule Payload itself applies to bulk edits.
 *
 * An array that declares its own `id` field, with no default (Payload's sessions of an account), keeps the IDs it is
 * given, as data: they must then be unique, within the body and against other documents' rows, or the write is
 * refused with a 400 naming the row, before anything is written.
 */

type AnyField = FlattenedField & Record<string, any>
type Data = Record<string, unknown>
type Row = { row: Data; path: string; arrayPath: string; declaresId: boolean }

const TAKEN: Bilingual = { ja: 'この行のIDは既に使われています。', en: 'This row ID is already in use.' }

const isRow = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every array and block row of `data`, nested rows included, with its path and its array's path in queries. */
const rowsOf = (fields: FlattenedField[], data: Data, prefix = '', queryPrefix = ''): Row[] =>
  fields.flatMap((field): Row[] => {
    if (!('name' in field)) return []
    const value = data[field.name]
    const any = field as AnyField
    if ((field.type === 'group' || field.type === 'tab') && isRow(value))
      return rowsOf(any.flattenedFields, value, `${prefix}${field.name}.`, `${queryPrefix}${field.name}.`)
    if ((field.type !== 'array' && field.type !== 'blocks') || !Array.isArray(value)) return []
    return value.flatMap((row, index): Row[] => {
      if (!isRow(row)) return []
      const rowFields: FlattenedField[] | undefined =
        field.type === 'array'
          ? any.flattenedFields
          : any.blocks?.find((block: { slug: string }) => block.slug === row.blockType)?.flattenedFields
      // Payload gives every row an `id` field that makes its own value (a default); a declared one has none.
      const declaresId = Boolean(
        rowFields?.some(
          (rowField) => rowField.name === 'id' && !('defaultValue' in rowField && rowField.defaultValue !== undefined),
        ),
      )
      const path = `${prefix}${field.name}.${index}`
      const own: Row = { row, path, arrayPath: `${queryPrefix}${field.name}`, declaresId }
      return [own, ...(rowFields ? rowsOf(rowFields, row, `${path}.`, `${queryPrefix}${field.name}.`) : [])]
    })
  })

/** Declared row IDs used twice in the body or by another document's rows: the paths of those rows. */
const takenDeclaredIds = async (
  rows: Row[],
  collection: string,
  documentId: unknown,
  req: PayloadRequest,
): Promise<string[]> => {
  const seen = new Set<string>()
  const taken: string[] = []
  for (const { row, path, arrayPath } of rows) {
    const id = String(row.id)
    const key = `${arrayPath} ${id}`
    if (seen.has(key)) taken.push(`${path}.id`)
    seen.add(key)
    const others = await req.payload.db.count({
      collection: collection as CollectionSlug,
      where: {
        and: [
          { [`${arrayPath}.id`]: { equals: id } },
          ...(documentId == null ? [] : [{ id: { not_equals: documentId } }]),
        ],
      },
      req,
    })
    if (others.totalDocs > 0 && !taken.includes(`${path}.id`)) taken.push(`${path}.id`)
  }
  return taken
}

export const serverOwnsRowIds: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const rows = rowsOf(collection.flattenedFields, data)
  const own = new Set<string>()
  if (operation === 'update' && isRow(originalDoc))
    for (const { row } of rowsOf(collection.flattenedFields, originalDoc)) if (row.id != null) own.add(String(row.id))
  for (const { row, declaresId } of rows) {
    if (row.id == null || declaresId) continue
    if (!own.delete(String(row.id))) delete row.id
  }
  const declared = rows.filter(({ row, declaresId }) => declaresId && row.id != null)
  if (declared.length) {
    const taken = await takenDeclaredIds(
      declared,
      collection.slug,
      operation === 'update' ? originalDoc?.id : undefined,
      req,
    )
    if (taken.length) {
      throw new ValidationError(
        {
          collection: collection.slug,
          errors: taken.map((path) => ({ path, message: inRequestLanguage(TAKEN, req) })),
          req,
        },
        req.t,
      )
    }
  }
  return data
}
