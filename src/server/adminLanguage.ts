import type { RequestHandler } from 'express'

/** Payload's cookie for the language a user picked in their account settings. */
const LANGUAGE_COOKIE = 'payload-lng'

/**
 * The admin speaks Japanese unless the user chose English in their account: Payload would otherwise follow
 * the browser's Accept-Language, and shop PCs are not always set up in Japanese. The API keeps honouring
 * Accept-Language, so frontends and scripts can still ask for English messages.
 */
export const japaneseAdminByDefault: RequestHandler = (req, _res, next) => {
  const chosen = req.headers.cookie?.split(';').some((cookie) => cookie.trim().startsWith(`${LANGUAGE_COOKIE}=`))
  if (!chosen) req.headers['accept-language'] = 'ja'
  next()
}
