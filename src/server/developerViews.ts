import type { Payload } from 'payload'

import { type RequestHandler, Router } from 'express'

import { mayUseDeveloperTools } from '../lib/developerTools'

/** The admin's API views: a document's (/collections/:slug/:id/api, in the trash too) and a global's. */
const API_VIEW = /^\/(?:collections\/[^/]+\/(?:trash\/)?[^/]+|globals\/[^/]+)\/api\/?$/

const REFUSED_PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>表示できません</title></head>
<body><p>このページは本部と管理者だけが開けます。 / Only HQ and admins may open this page.</p><p><a href="/admin">管理画面に戻る</a></p></body></html>`

/**
 * Mounted on /admin before Next.js: the API view of a document is refused (403) to anyone but HQ and admin, whether
 * typed as an address or reached by the admin's own navigation (the same path with Next's RSC header). Payload can
 * hide the tab per user but serves the view to anyone who may read the document.
 */
export const refuseDeveloperViews = (payload: Payload): RequestHandler => {
  const router = Router()
  router.get(API_VIEW, async (req, res, next) => {
    const { user } = await payload
      .auth({ headers: new Headers(req.headers as Record<string, string>) })
      .catch(() => ({ user: null }))
    if (mayUseDeveloperTools(user)) return next()
    res.status(403).set('Cache-Control', 'private, no-store').type('html').send(REFUSED_PAGE)
  })
  return router
}
