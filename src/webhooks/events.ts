import type { CollectionSlug, GlobalSlug, PayloadRequest } from 'payload'

/** The JSON body of a webhook (docs/api.md "Webhooks"): only what names the document, never its content. */
export type WebhookEvent = {
  event: 'publish' | 'unpublish' | 'delete'
  collection: CollectionSlug
  id: number | string
  slug: string | null
  store: string | null
  at: string
}

/** A change of chain-wide settings every page shows (the site's menu, links, headings): a site rebuilds all its pages. */
export type GlobalWebhookEvent = { event: 'publish'; global: GlobalSlug; at: string }

/** The globals whose changes frontends hear of: each is public as soon as it is saved (no drafts). */
export const WEBHOOK_GLOBALS: GlobalSlug[] = ['site-settings']

/**
 * The collections whose public changes frontends hear of, and where each keeps the store a document belongs to:
 * a relationship field, the store itself, or none (campaigns are HQ's, aimed at any number of stores).
 */
export const WEBHOOK_COLLECTIONS: Partial<Record<CollectionSlug, { store: 'store' | 'self' | null }>> = {
  articles: { store: 'store' },
  'repair-logs': { store: 'store' },
  campaigns: { store: null },
  prices: { store: 'store' },
  stores: { store: 'self' },
}

type Document = { id: number | string } & Record<string, unknown>

const slugOf = (document: unknown): string | null => {
  const slug = (document as { slug?: unknown } | null)?.slug
  return typeof slug === 'string' && slug !== '' ? slug : null
}

/** The slug of the document's store, whether the field holds the store (depth ≥ 1) or its ID; null for chain-wide ones. */
const storeSlugOf = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  document: Document,
): Promise<string | null> => {
  const field = WEBHOOK_COLLECTIONS[collection]?.store
  if (field === 'self') return slugOf(document)
  const store = field ? document[field] : null
  if (store === null || store === undefined || store === '') return null
  if (typeof store === 'object') return slugOf(store)
  const found = await req.payload.findByID({
    collection: 'stores',
    id: store as number | string,
    depth: 0,
    select: { slug: true },
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  return slugOf(found)
}

/** The event of a public document: built from the stored, public document, so a draft's content never leaves. */
export const webhookEvent = async (
  req: PayloadRequest,
  event: WebhookEvent['event'],
  collection: CollectionSlug,
  document: Document,
): Promise<WebhookEvent> => ({
  event,
  collection,
  id: document.id,
  slug: slugOf(document),
  store: await storeSlugOf(req, collection, document),
  at: new Date().toISOString(),
})
