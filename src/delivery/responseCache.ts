import { LRUCache } from 'lru-cache'

import { environment } from '../lib/env'
import { currentGeneration } from './contentGeneration'

/** An anonymous 200 JSON answer as it was sent, ready to be sent again (see cachedAnswer in hitAnswers.ts). */
export type CachedAnswer = {
  /** Its header lines, name then value, less those made per request; X-Cache, ETag and Vary included. */
  wire: string[]
  /** Its Content-Security-Policy around the script nonce, which each hit makes anew. */
  policy?: [string, string]
  /** Its Vary list, to merge with what CORS sets. */
  varyList: string
  /** The identity body, exactly as sent. */
  body: Buffer
  /** The strong validator of `body`. */
  etag: string
  /** Compressed variants, made the first time a client asks for one. */
  variants: { br?: Buffer; gzip?: Buffer }
}

export type ResponseCache = {
  /** The answer stored under the key, if it was read at the current content generation. */
  lookup: (key: string) => CachedAnswer | undefined
  /**
   * Keeps an answer whose reading started at `readStartedAt` (a content generation), unless content changed since:
   * an answer read across a change may hold what was there before it. `ttlSeconds`: an answer that changes with the
   * clock (the store endpoints' "now") is kept no longer than its own max-age.
   */
  store: (key: string, answer: CachedAnswer, readStartedAt: number, ttlSeconds?: number) => void
  /** Records a compressed variant made for a hit, so later hits send it as it is. */
  addVariant: (key: string, answer: CachedAnswer, encoding: 'br' | 'gzip', body: Buffer) => void
  /** Entries and bytes held, for tests and the bench. */
  size: () => { entries: number; bytes: number }
  /** Lookups since start that found an answer, and that did not (the hit ratio of /metrics). */
  lookups: () => { hits: number; misses: number }
}

/** Per entry, beside its bodies, key and headers: its bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 1024

const bytesOf = (answer: CachedAnswer, key: string): number =>
  ENTRY_OVERHEAD_BYTES +
  key.length * 2 +
  answer.wire.join('').length * 2 +
  answer.body.length +
  (answer.variants.br?.length ?? 0) +
  (answer.variants.gzip?.length ?? 0)

/**
 * Anonymous answers in memory, least recently used first out when their bytes pass `maxBytes` (lru-cache counts each
 * entry's bytes: its bodies, compressed variants included). Every entry belongs to one content generation: the first
 * lookup or store after a change empties the cache, so nothing read before a change is ever served after it.
 */
export const createResponseCache = ({ maxBytes }: { maxBytes: number }): ResponseCache => {
  const entries = new LRUCache<string, CachedAnswer>({ maxSize: maxBytes, sizeCalculation: bytesOf })
  let generation = currentGeneration()
  const counted = { hits: 0, misses: 0 }

  /** Drops every entry of an older generation. */
  const atCurrentGeneration = (): void => {
    const now = currentGeneration()
    if (now === generation) return
    entries.clear()
    generation = now
  }

  return {
    lookup: (key) => {
      atCurrentGeneration()
      const answer = entries.get(key)
      if (answer) counted.hits += 1
      else counted.misses += 1
      return answer
    },
    store: (key, answer, readStartedAt, ttlSeconds) => {
      atCurrentGeneration()
      if (readStartedAt !== generation) return
      entries.set(key, answer, ttlSeconds === undefined ? undefined : { ttl: ttlSeconds * 1000 })
    },
    addVariant: (key, answer, encoding, body) => {
      // A new entry, so lru-cache counts its bytes again (setting the same object changes nothing), unless a change
      // or an eviction replaced the answer meanwhile; its TTL runs on.
      if (entries.peek(key) !== answer) return
      entries.set(key, { ...answer, variants: { ...answer.variants, [encoding]: body } }, { noUpdateTTL: true })
    },
    size: () => ({ entries: entries.size, bytes: entries.calculatedSize }),
    lookups: () => ({ ...counted }),
  }
}

/**
 * The cache of this process's settings: RESPONSE_CACHE=off turns it off (undefined), RESPONSE_CACHE_MAX_MB bounds it
 * (64 MB by default).
 */
export const responseCacheFromEnvironment = (): ResponseCache | undefined => {
  const env = environment()
  if (!env.RESPONSE_CACHE) return undefined
  return createResponseCache({ maxBytes: env.RESPONSE_CACHE_MAX_MB * 1024 * 1024 })
}
