import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * CORS for the frontends' origins listed in CORS_ORIGINS (comma-separated exact origins such as
 * `https://shop.example.jp`; unset or empty: no CORS at all). It lets a listed origin's pages READ the API with the
 * browser; a browser write with the session cookie stays subject to the cross-site check (src/server/crossSite.ts),
 * which accepts only SERVER_URL and CSRF_ALLOWED_ORIGINS.
 *
 * It runs in the node:http listener before the response cache and Express, so cached answers carry the same headers.
 * Payload's own `cors` option stays unset (its default, `[]`): Payload then never sends Access-Control-Allow-Origin,
 * so the two never disagree, and preflights are answered here before they reach Payload's OPTIONS handler.
 */

const ALLOWED_METHODS = 'GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS'

/** What a frontend sends beyond the safelisted headers: credentials, JSON, language, validators, Payload's override. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept-Language',
  'If-None-Match',
  'If-Modified-Since',
  'Range',
  'X-Payload-HTTP-Method-Override',
].join(', ')

/** What a page's script may read of an answer beyond the safelisted headers. */
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Content-Length',
  'Content-Range',
  'Accept-Ranges',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
].join(', ')

/** Browsers cache a preflight at most this long (Chromium caps at 2 h): one preflight per route and 2 h. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200

/** CORS covers the API (media files included); the admin and its server actions stay same-origin only. */
const underApi = (url: string | undefined): boolean =>
  url !== undefined && (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?'))

/** Adds `Origin` to the response's Vary without dropping what is already there. */
const varyByOrigin = (res: ServerResponse) => {
  const vary = res.getHeader('Vary')
  const listed =
    vary === undefined
      ? []
      : String(vary)
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
  if (listed.some((name) => name === '*' || name.toLowerCase() === 'origin')) return
  res.setHeader('Vary', [...listed, 'Origin'].join(', '))
}

/**
 * The CORS step for the origins given: sets the headers on `res` and answers true when it answered the request
 * itself (a preflight), false when the request goes on.
 */
export const corsFor =
  (origins: ReadonlySet<string>) =>
  (req: IncomingMessage, res: ServerResponse): boolean => {
    if (origins.size === 0 || !underApi(req.url)) return false
    // With CORS on, every API answer depends on the Origin header (allowed or not): shared caches must keep them apart.
    varyByOrigin(res)
    const origin = req.headers.origin
    const listed = origin !== undefined && origins.has(origin)
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
    if (listed) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Access-Control-Allow-Credentials', 'true')
      if (!preflight) res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
    }
    if (!preflight) return false
    // A preflight from an unlisted origin gets no allow headers: the browser then refuses the request it announced.
    if (listed) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS)
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS))
    }
    res.statusCode = 204
    res.end()
    return true
  }
