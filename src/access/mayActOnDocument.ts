import type { CollectionSlug, PayloadRequest, Where } from 'payload'

export type DocumentOperation = 'delete' | 'read' | 'readVersions' | 'update'

/**
 * Whether the request's user may perform `operation` on one document, asked of the collection's own access rule (the
 * session gate included): paths that act on a document named by ID outside Payload's operations (document locks,
 * the admin's server functions, scheduled publishing) ask this instead of trusting the ID they were sent.
 */
export const mayActOnDocument = async (
  req: PayloadRequest,
  collectionSlug: string,
  id: number | string,
  operation: DocumentOperation,
): Promise<boolean> => {
  const collection = req.payload.collections[collectionSlug as CollectionSlug]
  const rule = collection?.config.access[operation]
  if (!collection || !rule) return false
  const verdict = await rule({ id: String(id), req })
  if (!verdict) return false
  const where: Where = verdict === true ? { id: { equals: id } } : { and: [{ id: { equals: id } }, verdict] }
  const { totalDocs } = await req.payload.count({
    collection: collection.config.slug,
    where,
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}
