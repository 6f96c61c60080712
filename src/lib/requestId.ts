import type { IncomingMessage } from 'node:http'

import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

export const REQUEST_ID_HEADER = 'x-request-id'

/** What a proxy may hand us as an id: a short token of letters, digits and `._:-` (a UUID, a trace id), nothing a log could misread. */
const SAFE_ID = /^[\w.:-]{1,128}$/

/**
 * The request's id: behind a trusted proxy (TRUST_PROXY set), the one it sent when that is a short safe token, so a
 * request can be followed from the load balancer's log into ours; otherwise a new UUID. Without a trusted proxy the
 * header came from the client, which could make its id collide with another request's: it is replaced.
 */
export const requestIdOf = (req: Pick<IncomingMessage, 'headers'>, behindTrustedProxy: boolean): string => {
  const sent = req.headers[REQUEST_ID_HEADER]
  return behindTrustedProxy && typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID()
}

const context = new AsyncLocalStorage<string>()

/** Runs the handling of one request with its id in reach of every log line written meanwhile (see logLineRequestId). */
export const withRequestId = <T>(id: string, handle: () => T): T => context.run(id, handle)

/**
 * pino's `mixin` (payload.config.ts): every line logged while a request is handled, Payload's own errors included,
 * carries that request's id, the one its response sent back in X-Request-Id.
 */
export const logLineRequestId = (): { requestId?: string } => {
  const id = context.getStore()
  return id === undefined ? {} : { requestId: id }
}
