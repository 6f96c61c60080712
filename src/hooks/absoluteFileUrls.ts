import type { CollectionAfterReadHook } from 'payload'

import { publicBaseUrl } from '../lib/serverUrl'

const absolute = (url: unknown) =>
  typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? `${publicBaseUrl()}${url}` : url

/**
 * A file's URLs (the file, its thumbnail, each size) are absolute on every path (REST, GraphQL, populated, in rendered
 * bodies), so a frontend on another origin uses them as they are. Without SERVER_URL (`npm start`, tests) they start
 * with where the CMS listens. Done here rather than through Payload's `serverURL`, which the admin also uses for its
 * own requests and links: set to localhost, it would send an admin opened at 127.0.0.1 or a LAN address elsewhere.
 */
export const absoluteFileUrls: CollectionAfterReadHook = ({ doc }) => {
  if (!doc || typeof doc !== 'object') return doc
  if ('url' in doc) doc.url = absolute(doc.url)
  if ('thumbnailURL' in doc) doc.thumbnailURL = absolute(doc.thumbnailURL)
  for (const size of Object.values((doc.sizes ?? {}) as Record<string, { url?: unknown } | null>)) {
    if (size && typeof size === 'object' && 'url' in size) size.url = absolute(size.url)
  }
  return doc
}
