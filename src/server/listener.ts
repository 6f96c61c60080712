import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'

import { anonymousReadKey, graphqlPostKey } from '../delivery/anonymousRead'
import { isListenerGraphqlPost, parsedOperation, readListenerBody } from '../delivery/graphqlPostBodies'
import { sendCachedAnswer } from '../delivery/hitAnswers'
import { beginRead } from '../delivery/pendingReads'
import { type DeliverySettings, deliverySettings } from '../delivery/settings'
import { type AppOptions, createApp } from './app'
import { corsFor } from './cors'
import { environment } from '../lib/env'
import { withRequestId } from '../lib/requestId'
import { requestObserver } from './requestLog'

/**
 * The server's request listener, in front of Express: CORS first (a preflight ends there), then an anonymous read
 * the response cache holds is answered at once, and everything else goes to the Express app. Hits skip Express's
 * router, which alone costs most of what a cached answer could reach; they carry the headers Express gave the
 * answer when it was made (security headers included), with a new nonce, and their own CORS headers.
 * A cacheable read that is not held takes the content generation here, before anything reads the database.
 */
export const createListener = (
  options: AppOptions,
  settings: DeliverySettings = deliverySettings(options.payload.config),
): RequestListener => {
  const app = createApp({ ...options, delivery: settings })
  // CORS_ORIGINS as the server starts with it (src/lib/env.ts checks each entry); preflights end here.
  const handleCors = corsFor(environment().CORS_ORIGINS)
  const { cache } = settings
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
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
    // An anonymous GraphQL query by POST: its small body is read here, so a held answer skips Express too; a miss goes
    // on with the body kept for Payload's route (src/server/payloadApi.ts), which cannot read the stream again.
    else if (cache && isListenerGraphqlPost(req, settings.sessionCookie)) {
      readListenerBody(req).then(
        (text) => {
          const operation = parsedOperation(text)
          const postKey = operation && graphqlPostKey(operation, req.headers, settings.languageCookie)
          const held = postKey ? cache.lookup(postKey) : undefined
          if (postKey && held)
            sendCachedAnswer(req, res, held, (encoding, body) => cache.addVariant(postKey, held, encoding, body))
          else app(req, res)
        },
        () => res.destroy(),
      )
      return
    }
    app(req, res)
  }
  // Every request gets its id, is measured and logged, and is answered with its id in reach of the log lines written
  // meanwhile (src/server/requestLog.ts, src/lib/requestId.ts).
  const observe = requestObserver(options.payload)
  return (req, res) => withRequestId(observe(req, res), () => answer(req, res))
}
