import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionSlug,
  PayloadRequest,
} from 'payload'

import { actorOf, recordAudit, requestNote } from '../lib/audit'

/*
 * Publish, unpublish and delete of content (articles, repair reports, campaigns, prices), for the audit log.
 * Whether a document is public is the stored document's _status: the doc and previousDoc hooks get may be
 * the newest draft version, and saving a draft over a published document leaves it published.
 */

const storedStatus = async (req: PayloadRequest, collection: CollectionSlug, id: number | string): Promise<unknown> => {
  const stored = await req.payload.findByID({
    collection,
    id,
    draft: false,
    depth: 0,
    select: { _status: true },
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  return (stored as { _status?: unknown } | null)?._status
}

/** The stored status of each document this request is updating, before the update. */
const statusesBefore = (req: PayloadRequest) =>
  requestNote(req, 'auditStatusesBefore', () => new Map<string, unknown>())

export const notePublicationStatus: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'update' && originalDoc?.id) {
    const status = await storedStatus(req, collection.slug, originalDoc.id)
    statusesBefore(req).set(`${collection.slug}/${originalDoc.id}`, status)
  }
  return data
}

export const recordPublishing: CollectionAfterChangeHook = async ({ collection, doc, operation, req }) => {
  const subject = `${collection.slug}/${doc.id}`
  const before = operation === 'update' ? statusesBefore(req).get(subject) : undefined
  statusesBefore(req).delete(subject)
  const after = await storedStatus(req, collection.slug, doc.id)
  if (before !== 'published' && after === 'published')
    await recordAudit(req, { event: 'publish', actor: actorOf(req), subject })
  if (before === 'published' && after !== 'published')
    await recordAudit(req, { event: 'unpublish', actor: actorOf(req), subject })
  return doc
}

export const recordDeletion: CollectionAfterDeleteHook = async ({ collection, doc, id, req }) => {
  const titleField = collection.admin.useAsTitle
  const title = titleField && titleField !== 'id' ? doc[titleField] : undefined
  await recordAudit(req, {
    event: 'delete',
    actor: actorOf(req),
    subject: `${collection.slug}/${id}`,
    details: { title, status: doc._status },
  })
}
