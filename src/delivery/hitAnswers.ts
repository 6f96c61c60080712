import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import fresh from 'fresh'
import { randomBytes } from 'node:crypto'
import vary from 'vary'

import type { CachedAnswer } from './responseCache'

import { chosenEncoding, compressible, encoded } from './responseEncoding'

/** What every JSON answer of the API depends on besides its URL; CORS adds Origin when it is on. */
export const ANSWER_VARY = ['Accept-Encoding', 'Accept-Language', 'Authorization', 'Cookie']

const NONCE = /'nonce-[^']*'/

/**
 * An answer made ready to be sent again many times: its header lines as one flat list for writeHead (Node's fast
 * path), `X-Cache: HIT`, its validator and Vary, and the Content-Security-Policy split around its script nonce,
 * which every hit gets new.
 */
export const cachedAnswer = (headers: OutgoingHttpHeaders, body: Buffer, etag: string): CachedAnswer => {
  const wire: string[] = []
  let policy: [string, string] | undefined
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'vary') continue
    const text = Array.isArray(value) ? value.join(', ') : String(value)
    const nonce = name === 'content-security-policy' ? NONCE.exec(text) : null
    if (nonce) policy = [text.slice(0, nonce.index), text.slice(nonce.index + nonce[0].length)]
    else wire.push(name, text)
  }
  const varyList = vary.append(String(headers.vary ?? ''), ANSWER_VARY)
  wire.push('Vary', varyList, 'ETag', etag, 'X-Cache', 'HIT')
  return { wire, policy, varyList, body, etag, variants: {} }
}

/** Nonces cut from one random buffer refilled every 256 hits: 128 random bits each, without a call per hit. */
let noncePool = Buffer.alloc(0)
let nonceOffset = 0
const newNonce = (): string => {
  if (nonceOffset + 16 > noncePool.length) {
    noncePool = randomBytes(4096)
    nonceOffset = 0
  }
  nonceOffset += 16
  return noncePool.toString('base64', nonceOffset - 16, nonceOffset)
}

/**
 * Answers a request from the cache, before Express: the stored headers (a new nonce), validator and Vary (merged with
 * CORS's), 304 when If-None-Match holds the ETag, else the variant the client's Accept-Encoding prefers (made once,
 * then kept with the entry), no body for HEAD.
 */
export const sendCachedAnswer = (
  req: IncomingMessage,
  res: ServerResponse,
  answer: CachedAnswer,
  keepVariant: (encoding: 'br' | 'gzip', body: Buffer) => void,
): void => {
  const headers = answer.wire.slice()
  if (answer.policy)
    headers.push('Content-Security-Policy', `${answer.policy[0]}'nonce-${newNonce()}'${answer.policy[1]}`)
  // CORS (run before) may have set Vary: Origin; writeHead would replace it.
  const corsVary = res.getHeader('vary')
  if (corsVary !== undefined) headers[headers.indexOf('Vary') + 1] = vary.append(String(corsVary), answer.varyList)

  const ifNoneMatch = req.headers['if-none-match']
  if (ifNoneMatch !== undefined && fresh({ 'if-none-match': ifNoneMatch }, { etag: answer.etag })) {
    // A 304 describes no body: no Content-Type, as on a miss.
    const type = headers.indexOf('content-type')
    if (type !== -1) headers.splice(type, 2)
    res.writeHead(304, headers)
    res.end()
    return
  }
  const encoding = compressible(answer.body) ? chosenEncoding(req.headers['accept-encoding']) : 'identity'
  let sent = answer.body
  if (encoding !== 'identity') {
    const known = answer.variants[encoding]
    sent = known ?? encoded(answer.body, encoding)
    if (!known) keepVariant(encoding, sent)
    headers.push('Content-Encoding', encoding)
  }
  headers.push('Content-Length', String(sent.length))
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : sent)
}
