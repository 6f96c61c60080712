import {
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type CollectionSlug,
  type FlattenedField,
  type PayloadRequest,
  QueryError,
} from 'payload'

/** The collections a sort path walks into through relationship or upload fields (`author.email` → users). */
const collectionsCrossed = (req: PayloadRequest, fields: FlattenedField[], segments: string[]): string[] => {
  const [name, ...rest] = segments
  const field = fields.find((candidate) => 'name' in candidate && candidate.name === name)
  if (!field || rest.length === 0) return []
  if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
    const target = req.payload.collections[field.relationTo as CollectionSlug]?.config
    return target ? [field.relationTo, ...collectionsCrossed(req, target.flattenedFields, rest)] : [field.relationTo]
  }
  if ('flattenedFields' in field) return collectionsCrossed(req, field.flattenedFields, rest)
  return []
}

/**
 * Sorting through a relationship orders documents by a value of the related document. Payload narrows a `where`
 * through a relationship to the related documents the reader may read, but not a `sort`: a staff member could order
 * posts by `author.email` and learn another store's addresses by comparison. A sort may cross only into collections
 * the reader reads whole; otherwise it is refused with 400, like a path Payload itself refuses.
 */
export const sortStaysReadable: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if ((operation !== 'read' && operation !== 'findVersions') || args.overrideAccess) return args
  const sort: unknown = (args as { sort?: unknown }).sort
  const paths = (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []).map((path) =>
    String(path).trim().replace(/^-/, ''),
  )
  const refused: { path: string }[] = []
  for (const path of paths) {
    const segments = (operation === 'findVersions' ? path.replace(/^version\./, '') : path).split('.')
    for (const slug of collectionsCrossed(req, collection.flattenedFields, segments)) {
      const read = req.payload.collections[slug as CollectionSlug]?.config.access.read
      if (!read || (await read({ req })) !== true) refused.push({ path })
    }
  }
  if (refused.length > 0) throw new QueryError(refused)
  return args
}

/** The collection with its sorts kept to what its readers may read. */
export const sortsStayReadable = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeOperation: [...(collection.hooks?.beforeOperation ?? []), sortStaysReadable] },
})
