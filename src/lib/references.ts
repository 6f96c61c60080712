import type { CollectionSlug, FlattenedField, Payload, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import { requestNote } from './audit'
import { relationId } from './relations'

/**
 * One way documents of `from` point at documents of `to`: a relationship or upload field (single, hasMany or
 * polymorphic, at any depth of groups, arrays, blocks and tabs), or a rich-text field whose editor embeds documents
 * (the body's pictures). Where the collection keeps versions, its version rows point too.
 */
export type Reference = {
  from: string
  /** Dotted path of the field in the document (in a version row: `version.<path>`). */
  path: string
  to: string[]
  kind: 'field' | 'richText'
  polymorphic: boolean
  hasMany: boolean
  versions: boolean
}

/** How many documents (and version rows) of `collection` point at a document through `path`. */
export type Referrer = { collection: string; path: string; documents: number; versions: number }

/**
 * Payload's own bookkeeping, which Payload clears itself when the document goes (a lock, an editor's list
 * preferences): never evidence, so never a reason to keep a document.
 */
const BOOKKEEPING = new Set(['payload-locked-documents', 'payload-preferences'])

type EditorFeatures = {
  editorConfig?: { resolvedFeatureMap?: Map<string, { sanitizedServerFeatureProps?: Record<string, unknown> }> }
}

/**
 * The collections a rich-text field can embed, from its editor's features (uploads, relationship blocks, internal
 * links). An editor whose features cannot be read may embed anything: every collection.
 */
const richTextTargets = (field: FlattenedField, everyCollection: string[]): string[] => {
  const features = (field as { editor?: EditorFeatures }).editor?.editorConfig?.resolvedFeatureMap
  if (!features) return everyCollection
  const targets = new Set<string>()
  for (const key of ['upload', 'relationship', 'link']) {
    const feature = features.get(key)
    if (!feature) continue
    const props = feature.sanitizedServerFeatureProps ?? {}
    const enabled = (props.enabledCollectionSlugs ?? props.enabledCollections) as string[] | undefined
    for (const slug of enabled ?? everyCollection) targets.add(slug)
  }
  return [...targets]
}

const referencesIn = (
  fields: FlattenedField[],
  prefix: string,
  base: Pick<Reference, 'from' | 'versions'>,
  everyCollection: string[],
  blocksByName: Map<string, { flattenedFields: FlattenedField[] }>,
): Reference[] =>
  fields.flatMap((field): Reference[] => {
    if ((field as { virtual?: unknown }).virtual) return []
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        const to = [field.relationTo].flat() as string[]
        return [
          {
            ...base,
            path,
            to,
            kind: 'field',
            polymorphic: Array.isArray(field.relationTo),
            hasMany: Boolean(field.hasMany),
          },
        ]
      }
      case 'richText':
        return [
          {
            ...base,
            path,
            to: richTextTargets(field, everyCollection),
            kind: 'richText',
            polymorphic: true,
            hasMany: true,
          },
        ]
      case 'group':
      case 'array':
      case 'tab':
        return referencesIn(field.flattenedFields, `${path}.`, base, everyCollection, blocksByName)
      case 'blocks': {
        const blocks = [
          ...(field.blocks ?? []),
          ...(field.blockReferences ?? []).map((block) =>
            typeof block === 'string' ? blocksByName.get(block) : block,
          ),
        ]
        return blocks.flatMap((block) =>
          block ? referencesIn(block.flattenedFields, `${path}.`, base, everyCollection, blocksByName) : [],
        )
      }
      default:
        return []
    }
  })

/** Every reference between the collections of the live config, Payload's bookkeeping left out. */
const everyReference = (payload: Payload): Reference[] => {
  const configs = Object.values(payload.collections).map(({ config }) => config as SanitizedCollectionConfig)
  const everyCollection = configs.map((config) => config.slug)
  const blocksByName = new Map(
    (payload.config.blocks ?? []).map((block) => [block.slug, block as { flattenedFields: FlattenedField[] }]),
  )
  return configs
    .filter((config) => !BOOKKEEPING.has(config.slug))
    .flatMap((config) =>
      referencesIn(
        config.flattenedFields,
        '',
        { from: config.slug, versions: Boolean(config.versions) },
        everyCollection,
        blocksByName,
      ),
    )
}

const indexes = new WeakMap<Payload, Reference[]>()

/** The references of the live config, derived once per Payload instance. */
export const referencesOf = (payload: Payload): Reference[] => {
  let index = indexes.get(payload)
  if (!index) {
    index = everyReference(payload)
    indexes.set(payload, index)
  }
  return index
}

/** The references that can point at a document of `collection`. */
export const referencesTo = (payload: Payload, collection: string): Reference[] =>
  referencesOf(payload).filter((reference) => reference.to.includes(collection))

const pointsAt = ({ path, polymorphic }: Reference, collection: string, id: string, prefix = ''): Where =>
  polymorphic
    ? {
        and: [
          { [`${prefix}${path}.relationTo`]: { equals: collection } },
          { [`${prefix}${path}.value`]: { equals: id } },
        ],
      }
    : { [`${prefix}${path}`]: { equals: id } }

/** Every `{ relationTo, value }` a rich-text value embeds (uploads, relationship blocks, internal links), at any depth. */
const embedded = (value: unknown, found: Array<{ relationTo: string; id: string }> = []) => {
  if (Array.isArray(value)) value.forEach((item) => embedded(item, found))
  else if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>
    if (typeof node.relationTo === 'string' && node.value !== undefined && node.value !== null) {
      const target = relationId(node.value)
      if (target !== null) found.push({ relationTo: node.relationTo, id: target })
    }
    Object.values(node).forEach((item) => embedded(item, found))
  }
  return found
}

const valueAt = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        Array.isArray(value)
          ? value.map((item) => (item as Record<string, unknown>)?.[key])
          : (value as Record<string, unknown> | undefined)?.[key],
      doc,
    )

const selectOf = (path: string): Record<string, unknown> =>
  path
    .split('.')
    .reverse()
    .reduce<Record<string, unknown> | true>((inner, key) => ({ [key]: inner }), true) as Record<string, unknown>

const PAGE = 200

/**
 * Rich text is JSON that no database-neutral query can look into, so the bodies are read and walked: once per
 * request and reference (a bulk delete asks for many documents), counting the documents and version rows that
 * embed each document of `collection`.
 */
const richTextCounts = (req: PayloadRequest, reference: Reference, collection: string) => {
  const cache = requestNote(
    req,
    'richTextReferences',
    () => new Map<string, Promise<{ documents: Map<string, number>; versions: Map<string, number> }>>(),
  )
  const key = `${reference.from}.${reference.path}→${collection}`
  let counts = cache.get(key)
  if (!counts) {
    counts = (async () => {
      const tally = (into: Map<string, number>, value: unknown) => {
        const ids = new Set(
          embedded(value)
            .filter((node) => node.relationTo === collection)
            .map((node) => node.id),
        )
        for (const id of ids) into.set(id, (into.get(id) ?? 0) + 1)
      }
      const documents = new Map<string, number>()
      const versions = new Map<string, number>()
      const from = reference.from as CollectionSlug
      for (let page = 1; ; page += 1) {
        const result = await req.payload.find({
          collection: from,
          select: selectOf(reference.path),
          depth: 0,
          limit: PAGE,
          page,
          overrideAccess: true,
          req,
        })
        result.docs.forEach((doc) => tally(documents, valueAt(doc, reference.path)))
        if (!result.hasNextPage) break
      }
      if (reference.versions) {
        for (let page = 1; ; page += 1) {
          const result = await req.payload.findVersions({
            collection: from,
            select: { version: selectOf(reference.path) } as never,
            depth: 0,
            limit: PAGE,
            page,
            overrideAccess: true,
            req,
          })
          result.docs.forEach((row) => tally(versions, valueAt((row as { version?: unknown }).version, reference.path)))
          if (!result.hasNextPage) break
        }
      }
      return { documents, versions }
    })()
    cache.set(key, counts)
  }
  return counts
}

/**
 * What points at document `id` of `collection` now: per reference, the documents and version rows, counted with
 * Payload's queries (so SQLite and MongoDB answer alike) and regardless of who asks. Empty when nothing does.
 */
export const findReferrers = async (
  req: PayloadRequest,
  collection: string,
  id: number | string,
): Promise<Referrer[]> => {
  const target = String(id)
  const referrers: Referrer[] = []
  // One query after another: a MongoDB transaction, which these join through req, takes one operation at a time.
  for (const reference of referencesTo(req.payload, collection)) {
    const from = reference.from as CollectionSlug
    let documents = 0
    let versions = 0
    if (reference.kind === 'richText') {
      const counts = await richTextCounts(req, reference, collection)
      documents = counts.documents.get(target) ?? 0
      versions = counts.versions.get(target) ?? 0
    } else {
      documents = (
        await req.payload.count({
          collection: from,
          where: pointsAt(reference, collection, target),
          overrideAccess: true,
          req,
          trash: true,
        })
      ).totalDocs
      if (reference.versions) {
        versions = (
          await req.payload.countVersions({
            collection: from,
            where: pointsAt(reference, collection, target, 'version.'),
            overrideAccess: true,
            req,
          })
        ).totalDocs
      }
    }
    if (documents > 0 || versions > 0) referrers.push({ collection: from, path: reference.path, documents, versions })
  }
  return referrers
}
