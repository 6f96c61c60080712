import type { FieldHook, PayloadRequest, TextField } from 'payload'

import { label } from '../lib/i18n'
import { postPath, storePath } from '../lib/sitePaths'

/** Store slugs by ID, read once per request: a list of posts names few stores. */
const storeSlugsByRequest = new WeakMap<PayloadRequest, Map<string, Promise<string | undefined>>>()

const storeSlug = (store: unknown, req: PayloadRequest): Promise<string | undefined> => {
  if (typeof store === 'object' && store !== null) {
    const { slug } = store as { slug?: unknown }
    if (typeof slug === 'string') return Promise.resolve(slug)
    store = (store as { id?: unknown }).id
  }
  if (typeof store !== 'string' && typeof store !== 'number') return Promise.resolve(undefined)
  const known = storeSlugsByRequest.get(req) ?? new Map<string, Promise<string | undefined>>()
  storeSlugsByRequest.set(req, known)
  const id = String(store)
  if (!known.has(id)) {
    known.set(
      id,
      req.payload
        .findByID({ collection: 'stores', id, select: { slug: true }, depth: 0, disableErrors: true, req })
        .then((found) => (found && typeof found.slug === 'string' ? found.slug : undefined)),
    )
  }
  return known.get(id)!
}

/** Made from the document's own slug and, for posts, its store's (src/lib/sitePaths.ts). */
const pathOf: FieldHook = async ({ collection, siblingData, req }) => {
  const slug = siblingData?.slug
  if (typeof slug !== 'string' || slug === '') return null
  if (collection?.slug === 'stores') return storePath(slug)
  if (collection?.slug !== 'articles' && collection?.slug !== 'repair-logs') return null
  const store = await storeSlug(siblingData.store, req)
  return store ? postPath(collection.slug, store, slug) : null
}

/** The fields a site path is made of: what a read that selects only `sitePath` must read too. */
export const SITE_PATH_SOURCES = { stores: ['slug'], posts: ['slug', 'store'] }

/**
 * The page of the document on every shop site, read-only and never stored: frontends link to it as it comes.
 * Shown to staff in the sidebar, so they know the address of what they write.
 */
export const sitePathField = (): TextField => ({
  name: 'sitePath',
  type: 'text',
  virtual: true,
  label: label('サイト上のパス', 'Site path'),
  access: { create: () => false, update: () => false },
  admin: {
    position: 'sidebar',
    readOnly: true,
    description: label(
      '店舗サイトでのこのページのパスです（スラッグと店舗から作られます）。',
      'The path of this page on the shop sites, made from the slug and the store.',
    ),
  },
  hooks: { afterRead: [pathOf] },
})
