import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionSlug,
  PayloadRequest,
  TypeWithID,
} from 'payload'

import { requestNote } from '../lib/audit'

/** What a write means for the public site: a document became or stayed public with new content, or stopped being public. */
export type PublicationChange = 'publish' | 'unpublish'

type StoredDocument = TypeWithID & Record<string, unknown>

/**
 * The document as the public sees it: the collection's own row, never the newest draft version (Payload's
 * `previousDoc` is the newest version, which may be a draft saved over the published document).
 */
export const storedDocument = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  id: number | string,
): Promise<StoredDocument | null> =>
  (await req.payload.findByID({
    collection,
    id,
    draft: false,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as StoredDocument | null

const storedBefore = (req: PayloadRequest) =>
  requestNote(req, 'webhookStoredBefore', () => new Map<string, StoredDocument | null>())

/** Notes the public document an update starts from; only drafts can take a document off the site. */
export const noteStoredDocument: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'update' && collection.versions?.drafts && originalDoc?.id !== undefined) {
    storedBefore(req).set(
      `${collection.slug}/${originalDoc.id}`,
      await storedDocument(req, collection.slug, originalDoc.id),
    )
  }
  return data
}

/**
 * The one rule of which saves are publishes, from Payload's update: a draft save (the `draft` flag, autosave
 * included) writes only a version and hands the hook a doc with `_status: 'draft'`, leaving the public row as it
 * was; every other save writes the public row, with the status the doc carries. Neither `req.query.draft` (the
 * Local API and the jobs runner do not set it) nor `previousDoc` (the newest version) tells this, so:
 * - without drafts, every saved change is a publish;
 * - a doc that is `published` was written to the public row: a publish (a first one, or new content);
 * - a `draft` doc unpublished only if the public row was published before the save and is not after it;
 *   otherwise it was a draft save or a change of something never public: nothing for the site.
 * Returns the change and the public document it concerns (for an unpublish, the one that was on the site).
 */
export const publicationChange = async (
  args: Parameters<CollectionAfterChangeHook>[0],
): Promise<{ change: PublicationChange; document: StoredDocument } | null> => {
  const { collection, doc, operation, req } = args
  const key = `${collection.slug}/${doc.id}`
  const before = storedBefore(req).get(key)
  storedBefore(req).delete(key)
  if (!collection.versions?.drafts || doc._status === 'published') return { change: 'publish', document: doc }
  if (operation !== 'update' || before?._status !== 'published') return null
  const after = await storedDocument(req, collection.slug, doc.id)
  return after?._status === 'published' ? null : { change: 'unpublish', document: before }
}

/** A deleted document was on the site if its collection has no drafts or its public row was published. */
export const wasPublic = (
  collection: { versions?: { drafts?: unknown } | false },
  doc: Record<string, unknown>,
): boolean => !collection.versions || !collection.versions.drafts || doc._status === 'published'
