import type { AddressInfo } from 'node:net'

import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'

import { advanceGeneration, currentGeneration } from '../../src/delivery/contentGeneration'
import { cachedAnswer } from '../../src/delivery/hitAnswers'
import { sendPayloadJson } from '../../src/delivery/jsonAnswers'
import { beginRead } from '../../src/delivery/pendingReads'
import { type CachedAnswer, createResponseCache, responseCacheFromEnvironment } from '../../src/delivery/responseCache'
import { parseEnvironment } from '../../src/lib/env'

const answer = (bytes: number): CachedAnswer =>
  cachedAnswer({ 'content-type': 'application/json' }, Buffer.alloc(bytes, 'a'), '"e"')

describe('the response cache store', () => {
  it('holds no more bytes than its bound, dropping the least recently used answer first', () => {
    const cache = createResponseCache({ maxBytes: 20_000 })
    const at = currentGeneration()
    cache.store('a', answer(5_000), at)
    cache.store('b', answer(5_000), at)
    cache.store('c', answer(5_000), at)
    expect(cache.lookup('a')).toBeDefined()
    cache.store('d', answer(5_000), at)
    expect(cache.size().bytes).toBeLessThanOrEqual(20_000)
    expect(cache.lookup('a')).toBeDefined()
    expect(cache.lookup('b')).toBeUndefined()
    expect(cache.lookup('d')).toBeDefined()
    // An answer larger than the whole bound is not kept at all.
    cache.store('huge', answer(30_000), at)
    expect(cache.lookup('huge')).toBeUndefined()
  })

  it('counts compressed variants in its bytes', () => {
    const cache = createResponseCache({ maxBytes: 100_000 })
    const kept = answer(5_000)
    cache.store('a', kept, currentGeneration())
    const before = cache.size().bytes
    cache.addVariant('a', kept, 'gzip', Buffer.alloc(700))
    expect(cache.size().bytes).toBe(before + 700)
  })

  it('keeps nothing read across a change, and serves nothing read before one', () => {
    const cache = createResponseCache({ maxBytes: 100_000 })
    const startedAt = currentGeneration()
    advanceGeneration('remote')
    cache.store('read-across', answer(10), startedAt)
    expect(cache.lookup('read-across')).toBeUndefined()
    cache.store('read-before', answer(10), currentGeneration())
    expect(cache.lookup('read-before')).toBeDefined()
    advanceGeneration('local')
    expect(cache.lookup('read-before')).toBeUndefined()
  })

  it('is off with RESPONSE_CACHE=off and bounded by RESPONSE_CACHE_MAX_MB', () => {
    process.env.RESPONSE_CACHE = 'off'
    expect(responseCacheFromEnvironment()).toBeUndefined()
    delete process.env.RESPONSE_CACHE
    process.env.RESPONSE_CACHE_MAX_MB = 'lots'
    expect(() => responseCacheFromEnvironment()).toThrow(/RESPONSE_CACHE_MAX_MB/)
    delete process.env.RESPONSE_CACHE_MAX_MB
    expect(responseCacheFromEnvironment()).toBeDefined()
  })

  it('never keeps an answer that sets a cookie, nor one whose handler forbids it', async () => {
    const cache = createResponseCache({ maxBytes: 100_000 })
    const settings = {
      cache,
      publicCacheControl: parseEnvironment({}).CACHE_CONTROL_PUBLIC,
      sessionCookie: 'payload-token',
      languageCookie: 'payload-lng',
    }
    const answers: Record<string, Response> = {
      '/cookie': Response.json({ ok: true }, { headers: { 'Set-Cookie': 'payload-token=abc; HttpOnly' } }),
      '/no-store': Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } }),
      '/plain': Response.json({ ok: true }),
    }
    const server = createServer((req, res) => {
      beginRead(req, req.url as string)
      void sendPayloadJson(req, res, answers[req.url as string] as Response, {
        settings,
        read: true,
        pending: { key: req.url as string, startedAt: currentGeneration() },
      })
    }).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const cookie = await fetch(`${base}/cookie`)
      expect(cookie.headers.get('set-cookie')).toContain('payload-token=abc')
      expect(cookie.headers.get('cache-control')).toBe('no-store')
      expect(cookie.headers.get('etag')).toBeNull()
      await fetch(`${base}/no-store`)
      const plain = await fetch(`${base}/plain`)
      expect(plain.headers.get('etag')).toMatch(/^"/)
      expect(cache.lookup('/cookie')).toBeUndefined()
      expect(cache.lookup('/no-store')).toBeUndefined()
      expect(cache.lookup('/plain')?.body.toString()).toBe('{"ok":true}')
    } finally {
      server.close()
    }
  })
})
