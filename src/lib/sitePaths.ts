/**
 * Where each page of a shop site lives: one convention the CMS defines for every frontend. Rendered bodies link to
 * these paths, and stores, articles and repair reports carry theirs as `sitePath`, so no frontend rebuilds them.
 *
 *   store          /stores/{storeSlug}/
 *   article        /stores/{storeSlug}/articles/{slug}
 *   repair report  /stores/{storeSlug}/repairs/{slug}
 */

/** The collections a site has pages for, and so the ones a body may link to. */
export const SITE_PAGE_COLLECTIONS = ['stores', 'articles', 'repair-logs'] as const
export type SitePageCollection = (typeof SITE_PAGE_COLLECTIONS)[number]

/** The posts' folders under their store's page. */
const POST_FOLDERS = { articles: 'articles', 'repair-logs': 'repairs' } as const

const segment = (slug: string) => encodeURIComponent(slug)

export const storePath = (storeSlug: string): string => `/stores/${segment(storeSlug)}/`

export const postPath = (collection: keyof typeof POST_FOLDERS, storeSlug: string, slug: string): string =>
  `${storePath(storeSlug)}${POST_FOLDERS[collection]}/${segment(slug)}`

export const isSitePageCollection = (value: unknown): value is SitePageCollection =>
  (SITE_PAGE_COLLECTIONS as readonly unknown[]).includes(value)
