import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import fresh from 'fresh'
import { hash } from 'node:crypto'
import vary from 'vary'

import type { PendingRead } from './pendingReads'

import { carriesCredential } from './anonymousRead'
import { ANSWER_VARY, cachedAnswer } from './hitAnswers'
import { chosenEncoding, compressible, encoded } from './responseEncoding'
import { type DeliverySettings, PRIVATE_CACHE_CONTROL } from './settings'

/**
 * The strong validator of a body: a hash of its exact bytes (SHA-1 is plenty against accidental equality, and
 * Node's one-shot hash is the fastest). One ETag per identity body: its gzip and brotli forms share it, told apart by
 * Vary: Accept-Encoding.
 */
export const etagOf = (body: Buffer): string => `"${hash('sha1', body, 'base64url')}"`

/**
 * Headers made for one request only, never stored with an answer: each hit makes its own (the date, the client's
 * rate budget, CORS for its Origin) or the cache sets them (length, encoding, validator), and a cookie is never shared.
 */
const PER_REQUEST = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'etag',
  'set-cookie',
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'x-request-id',
  'request-id',
  'x-cache',
])

/** The headers of an answer worth sending again: the security headers Express set, Payload's, our Cache-Control. */
export const storedHeaders = (headers: OutgoingHttpHeaders): OutgoingHttpHeaders => {
  const kept: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_REQUEST.has(name) || name.startsWith('access-control-')) continue
    kept[name] = value
  }
  return kept
}

/**
 * Sends a JSON body: 304 with no body when the client's If-None-Match holds its ETag (the list compared by `fresh`,
 * as Express does), else the body in the encoding the client prefers (bodies under 1 KB as they are), and for HEAD the
 * same headers with no body. `variant` makes or finds a compressed form.
 */
export const sendJsonBody = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  etag: string | undefined,
  variant: (encoding: 'br' | 'gzip') => Buffer,
): void => {
  vary(res, ANSWER_VARY)
  if (etag !== undefined) {
    res.setHeader('ETag', etag)
    // Only the If-None-Match list is compared: `fresh` would also ignore it under a request's Cache-Control: no-cache,
    // which asks caches to revalidate (fetch() adds it to every conditional request), while an origin evaluates it.
    if (res.statusCode === 200 && fresh({ 'if-none-match': req.headers['if-none-match'] }, { etag })) {
      res.statusCode = 304
      res.removeHeader('Content-Type')
      res.end()
      return
    }
  }
  const encoding = compressible(body) ? chosenEncoding(req.headers['accept-encoding']) : 'identity'
  const sent = encoding === 'identity' ? body : variant(encoding)
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
  res.setHeader('Content-Length', sent.length)
  res.end(req.method === 'HEAD' ? undefined : sent)
}

/** A compressed form of a body, made now (answers that are not kept). */
export const freshVariant =
  (body: Buffer) =>
  (encoding: 'br' | 'gzip'): Buffer =>
    encoded(body, encoding)

/** A JSON body (application/json, or a +json type such as GraphQL's application/graphql-response+json). */
export const isJsonMessage = (message: { headers: Headers }): boolean =>
  /^application\/(?:[\w.-]+\+)?json\b/i.test(message.headers.get('content-type') ?? '')

/**
 * How long an anonymous answer may be kept in the cache: until content changes (undefined) when its handler named no
 * Cache-Control of its own; when it did, only if that is public with a max-age, for that long (0: not at all).
 */
const keepSecondsOf = (handlerCacheControl: string | null, clockTtlSeconds: number | undefined): number | undefined => {
  if (handlerCacheControl === null) return clockTtlSeconds
  if (!/\bpublic\b/i.test(handlerCacheControl) || /no-store|no-cache|private/i.test(handlerCacheControl)) return 0
  const maxAge = Number(/max-age=(\d+)/i.exec(handlerCacheControl)?.[1] ?? 0)
  return clockTtlSeconds === undefined ? maxAge : Math.min(maxAge, clockTtlSeconds)
}

/** How a Payload answer is delivered: whether its request only read, and the cacheable read it is the answer of. */
export type PayloadAnswerContext = {
  settings: DeliverySettings
  /** A REST or GraphQL read (GET, HEAD, a GraphQL query by POST): its anonymous 200 answers are public. */
  read: boolean
  /** Where to keep the answer, for an anonymous read that may be cached. */
  pending?: PendingRead
  /** The answer changes with the clock: kept at most this long. */
  clockTtlSeconds?: number
}

/**
 * Sends a JSON answer of Payload with its validators: an anonymous read answered 200 without a cookie gets the
 * public Cache-Control and a strong ETag (304 when the client has it) and is kept in the cache if its read may be;
 * anything signed in is `private, no-store`, any other anonymous answer `no-store`, unless its handler chose.
 * Compressed by Accept-Encoding either way.
 */
export const sendPayloadJson = async (
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  context: PayloadAnswerContext,
): Promise<void> => {
  const body = Buffer.from(await response.arrayBuffer())
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (
      name !== 'set-cookie' &&
      name !== 'content-length' &&
      name !== 'content-encoding' &&
      name !== 'transfer-encoding'
    )
      res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies)

  const { settings } = context
  const anonymous = !carriesCredential(req.headers, settings.sessionCookie)
  const publicAnswer = anonymous && context.read && response.status === 200 && cookies.length === 0
  const handlerCacheControl = response.headers.get('cache-control')
  if (handlerCacheControl === null)
    res.setHeader(
      'Cache-Control',
      publicAnswer ? settings.publicCacheControl : anonymous ? 'no-store' : PRIVATE_CACHE_CONTROL,
    )
  if (!publicAnswer) {
    sendJsonBody(req, res, body, undefined, freshVariant(body))
    return
  }
  const etag = etagOf(body)
  const keepSeconds = keepSecondsOf(handlerCacheControl, context.clockTtlSeconds)
  const { cache } = settings
  const { pending } = context
  if (!cache || !pending || keepSeconds === 0) {
    sendJsonBody(req, res, body, etag, freshVariant(body))
    return
  }
  const answer = cachedAnswer(storedHeaders(res.getHeaders()), body, etag)
  cache.store(pending.key, answer, pending.startedAt, keepSeconds)
  res.setHeader('X-Cache', 'MISS')
  sendJsonBody(req, res, body, etag, (encoding) => {
    const made = encoded(body, encoding)
    cache.addVariant(pending.key, answer, encoding, made)
    return made
  })
}
