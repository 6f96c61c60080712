import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'

import { anonymousReadKey } from '../delivery/anonymousRead'
import { sendCachedAnswer } from '../delivery/hitAnswers'
import { beginRead } from '../delivery/pendingReads'
import { type DeliverySettings, deliverySettings } from '../delivery/settings'
import { type AppOptions, createApp } from './app'
import { handleCors } from './cors'

/**
 * The server's request listener, in front of Express: CORS first (a preflight ends there), then an anonymous read
 * the response cache holds is answered at once, and everything else goes to the Express app. Hits skip Express's
 * router, which alone costs most of what a cached answer could reach; they carry the headers Express gave the
 * answer when it was made (security headers included), with a new nonce, and their own CORS headers.
 * A cacheable read that is not held takes the content generation here, before anything reads the database.
 */
export const createListener = (options: AppOptions, settings: DeliverySettings = deliverySettings(options.payload.config)): RequestListener => {
  const app = createApp({ ...options, delivery: settings })
  const { cache } = settings
  return (req: IncomingMessage, res: ServerResponse) => {
    if (handleCors(req, res)) return
    const key = cache && anonymousReadKey(req.method, req.url, req.headers, settings)
    if (key) {
      const hit = cache.lookup(key)
      if (hit) {
        sendCachedAnswer(req, res, hit, (encoding, body) => cache.addVariant(key, hit, encoding, body))
        return
      }
      beginRead(req, key)
    }
    app(req, res)
  }
}
