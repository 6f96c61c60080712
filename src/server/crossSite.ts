import type { Request, RequestHandler } from 'express'

import { allowedOrigins } from '../lib/allowedOrigins'

/** Methods that only read: a page of another site may send them (links, images, GraphQL queries over GET). */
const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * GET routes that change state when merely opened: the admin's logout page signs the session out as it loads, and
 * Payload's job routes run due jobs.
 */
const STATE_CHANGING_GETS = new Set(['/admin/logout', '/api/payload-jobs/run', '/api/payload-jobs/handle-schedules'])

const FOREIGN_WRITE = {
  errors: [{ message: '他のサイトからの変更要求は受け付けません。 / Changes are not accepted from other sites.' }],
}

const FOREIGN_LOGOUT_PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ログアウト / Sign out</title></head>
<body><p>他のサイトからのログアウト要求は受け付けません。ログアウトするには <a href="/admin/logout">こちら</a> を押してください。</p>
<p lang="en">Sign-out requests from other sites are not accepted. To sign out, <a href="/admin/logout">follow this link</a>.</p></body></html>
`

const normalisedPath = (path: string) => path.toLowerCase().replace(/\/+$/, '') || '/'

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/**
 * The browser's Origin is this server (the host the request was sent to, as Next.js checks server actions) or one
 * of the origins allowed to use a session (SERVER_URL, CSRF_ALLOWED_ORIGINS: Payload's csrf list).
 */
const trustedOrigin = (req: Request, origin: string, trusted: string[]): boolean =>
  trusted.includes(origin.replace(/\/+$/, '')) || (hostOf(origin) !== null && hostOf(origin) === req.get('host'))

/**
 * Refuses requests that another site's page makes a browser send (CSRF), before anything acts on them:
 * - a write (any method but GET, HEAD, OPTIONS) whose Origin is foreign, or that the browser marks
 *   `Sec-Fetch-Site: cross-site` without an allowed Origin;
 * - a GET of a state-changing route (logout, job runs) marked `cross-site`.
 * Same-site, same-origin and `none` (typed address, bookmark) pass, and so do clients that send neither header
 * (frontends' servers, scripts): a browser always sends Origin with a write.
 */
export const refuseCrossSiteRequests =
  (trusted: string[] = allowedOrigins()): RequestHandler =>
  (req, res, next) => {
    const site = req.get('sec-fetch-site')
    const origin = req.get('origin')
    if (!READING_METHODS.has(req.method)) {
      const originTrusted = origin !== undefined && trustedOrigin(req, origin, trusted)
      if ((origin !== undefined && !originTrusted) || (site === 'cross-site' && !originTrusted)) {
        res.status(403).json(FOREIGN_WRITE)
        return
      }
    } else if (site === 'cross-site' && STATE_CHANGING_GETS.has(normalisedPath(req.path))) {
      if (normalisedPath(req.path).startsWith('/api/')) res.status(403).json(FOREIGN_WRITE)
      else res.status(403).type('html').send(FOREIGN_LOGOUT_PAGE)
      return
    }
    next()
  }
