import type { CollectionAfterChangeHook } from 'payload'

import { relationId } from '../lib/relations'
import { isSitePageCollection } from '../lib/sitePaths'
import { rerenderBodiesLinkingTo } from '../lib/storedBodies'

type Page = { id: string | number; slug?: string | null; store?: unknown; _status?: string | null }

/** What a link to the page renders from: its site path (slug and store) and whether it is published. */
const linkedAs = (page: Page | undefined) =>
  JSON.stringify([page?.slug, relationId(page?.store), page?._status ?? null])

/**
 * Stores, articles and repair reports afterChange: bodies store their HTML with the site paths of the pages they
 * link to (src/lib/richText/renderedBody.ts). A new slug or store moves the page, and unpublishing hides it: the
 * bodies linking to it are rendered again, as for a changed picture (rerenderBodiesOnPictureChange.ts). A linked
 * page is never deleted: body links count as references (src/hooks/refuseDeletingReferenced.ts).
 */
export const rerenderBodiesOnPageChange: CollectionAfterChangeHook<Page> = async ({
  collection,
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && isSitePageCollection(collection.slug) && linkedAs(doc) !== linkedAs(previousDoc)) {
    await rerenderBodiesLinkingTo(req, collection.slug, String(doc.id))
  }
  return doc
}
