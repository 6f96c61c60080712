import type { CollectionBeforeChangeHook, CollectionSlug, FlattenedField, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'
import { relationId } from '../lib/relations'

/**
 * A relationship or upload may only name a document that exists. Payload does not look: on SQLite the foreign key
 * refused the row (a 500, after the document itself was written when the reference sat in a list), on MongoDB the
 * dangling ID was stored. Checked after access (a beforeChange hook), so only someone who may write here learns
 * whether an ID exists, and on every save, drafts included; one query per collection pointed at.
 */

type AnyField = FlattenedField & Record<string, any>
type Reference = { path: string; collection: string; id: string }

const NOT_FOUND = (collection: string): Bilingual => ({
  ja: `指定された文書が見つかりません（${collection}）。`,
  en: `No document in ${collection} has this ID.`,
})

const referencesOf = (field: AnyField, value: unknown, path: string): Reference[] => {
  const items = field.hasMany && Array.isArray(value) ? value : [value]
  return items.flatMap((item, index): Reference[] => {
    const itemPath = field.hasMany ? `${path}.${index}` : path
    if (Array.isArray(field.relationTo)) {
      if (typeof item !== 'object' || item === null) return []
      const { relationTo, value: target } = item as { relationTo?: unknown; value?: unknown }
      const id = relationId(target)
      return typeof relationTo === 'string' && id ? [{ path: itemPath, collection: relationTo, id }] : []
    }
    const id = relationId(item)
    return id ? [{ path: itemPath, collection: field.relationTo, id }] : []
  })
}

/** Every reference in `data` (rows, groups and blocks included), with its path. */
const collectReferences = (fields: FlattenedField[], data: Record<string, unknown>, prefix = ''): Reference[] =>
  fields.flatMap((field): Reference[] => {
    if (!('name' in field) || !Object.hasOwn(data, field.name)) return []
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    const any = field as AnyField
    if (value === null || value === undefined) return []
    switch (field.type) {
      case 'relationship':
      case 'upload':
        return referencesOf(any, value, path)
      case 'group':
      case 'tab':
        return typeof value === 'object' && !Array.isArray(value)
          ? collectReferences(any.flattenedFields, value as Record<string, unknown>, `${path}.`)
          : []
      case 'array':
        return Array.isArray(value)
          ? value.flatMap((row, index) => collectReferences(any.flattenedFields, row ?? {}, `${path}.${index}.`))
          : []
      case 'blocks':
        return Array.isArray(value)
          ? value.flatMap((row, index) => {
              const block = (any.blocks ?? []).find((candidate: { slug: string }) => candidate.slug === row?.blockType)
              return block ? collectReferences(block.flattenedFields, row, `${path}.${index}.`) : []
            })
          : []
      default:
        return []
    }
  })

/** The references among `references` whose document does not exist. */
export const unknownReferences = async (references: Reference[], req: PayloadRequest): Promise<Reference[]> => {
  const byCollection = new Map<string, Reference[]>()
  for (const reference of references)
    byCollection.set(reference.collection, [...(byCollection.get(reference.collection) ?? []), reference])
  const missing: Reference[] = []
  for (const [collection, refs] of byCollection) {
    if (!req.payload.collections[collection as keyof typeof req.payload.collections]) {
      missing.push(...refs)
      continue
    }
    const ids = [...new Set(refs.map(({ id }) => id))]
    const { docs } = await req.payload.db.find({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      limit: ids.length,
      pagination: false,
      req,
    })
    const found = new Set(docs.map((doc) => String(doc.id)))
    missing.push(...refs.filter(({ id }) => !found.has(id)))
  }
  return missing
}

export const refuseUnknownReferences: CollectionBeforeChangeHook = async ({ collection, data, req }) => {
  const missing = await unknownReferences(collectReferences(collection.flattenedFields, data), req)
  if (missing.length) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: missing.map(({ path, collection: target }) => ({
          path,
          message: inRequestLanguage(NOT_FOUND(target), req),
        })),
        req,
      },
      req.t,
    )
  }
  return data
}
