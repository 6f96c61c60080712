import Negotiator from 'negotiator'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export type ContentEncoding = 'br' | 'gzip' | 'identity'

/** Below this, compression saves less than its headers and time cost (the threshold Express's compression uses). */
export const MIN_COMPRESSED_BYTES = 1024

/**
 * Brotli at quality 5: close to gzip's speed with smaller bodies. Its default (11) takes tens of milliseconds on a
 * large JSON list, which a miss would pay for.
 */
const BROTLI_QUALITY = 5

// negotiator 1.x takes a server preference for equal q-values; its published types predate that option.
type EncodingNegotiator = {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined
}

const OFFERED: readonly ContentEncoding[] = ['br', 'gzip', 'identity']

/** Clients send a handful of distinct Accept-Encoding values: each is negotiated once. */
const negotiated = new Map<string, ContentEncoding>()
const MAX_REMEMBERED = 256

/**
 * The encoding to answer in, by the client's Accept-Encoding (q-values honoured, brotli preferred to gzip when the
 * client likes both equally); identity when it names neither, or refuses everything we offer.
 */
export const chosenEncoding = (acceptEncoding: string | undefined): ContentEncoding => {
  if (!acceptEncoding) return 'identity'
  const known = negotiated.get(acceptEncoding)
  if (known) return known
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as EncodingNegotiator
  const chosen = (negotiator.encoding(OFFERED, { preferred: OFFERED }) ?? 'identity') as ContentEncoding
  if (negotiated.size >= MAX_REMEMBERED) negotiated.clear()
  negotiated.set(acceptEncoding, chosen)
  return chosen
}

/** The body in an encoding; small bodies are never compressed (the caller answers them as identity). */
export const encoded = (body: Buffer, encoding: Exclude<ContentEncoding, 'identity'>): Buffer =>
  encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipSync(body)

/** Whether a body of this size is worth compressing. */
export const compressible = (body: Buffer): boolean => body.length >= MIN_COMPRESSED_BYTES
