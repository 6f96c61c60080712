import type { AddressInfo } from 'node:net'

import { createServer, type Server } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { deliverySettings } from '../../src/delivery/settings'
import { plainTextToLexical } from '../../src/lib/lexicalText'
import { createListener } from '../../src/server/listener'
import { closeServer } from '../../src/server/shutdown'
import { createStores, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let staff: SignedInUser
let storeId: string

/** Headers a hit must carry as the miss did: what Express and helmet set for every answer. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
]

const withoutNonce = (policy: string | null) => policy?.replace(/'nonce-[^']*'/g, "'nonce'")

beforeAll(async () => {
  server = await startServer()
  ;({ saga: storeId } = await createStores(server.payload, { saga: '佐賀店' }))
  // Enough devices that their list is worth compressing.
  for (let index = 0; index < 20; index += 1) {
    await server.payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: `iPhone ${index}`, releaseYear: 2020 },
      overrideAccess: true,
    })
  }
  staff = await signedInUser(server, 'staff', [storeId])
})
afterAll(async () => {
  await server?.stop()
})

const body = plainTextToLexical([['本文']])
const article = (title: string, slug: string) => ({
  title,
  slug,
  category: 'iphone_tips' as const,
  publishedAt: '2026-04-01T00:00:00+09:00',
  store: storeId,
  body,
})

describe('anonymous reads from the response cache', () => {
  it('answers a second anonymous read from the cache: same body, ETag and security headers, any parameter order', async () => {
    const miss = await server.request('/api/stores?limit=5&depth=0')
    const hit = await server.request('/api/stores?depth=0&limit=5')
    expect([miss.status, hit.status]).toEqual([200, 200])
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    expect(await hit.text()).toBe(await miss.text())
    expect(hit.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'))
    for (const name of SECURITY_HEADERS) {
      expect(miss.headers.get(name), name).toBeTruthy()
      expect(withoutNonce(hit.headers.get(name)), name).toBe(withoutNonce(miss.headers.get(name)))
    }
    // The script nonce is new on every answer, a hit's too.
    expect(hit.headers.get('content-security-policy')).not.toBe(miss.headers.get('content-security-policy'))
    for (const response of [miss, hit]) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
      expect(response.headers.get('vary')).toMatch(/Accept-Encoding, Accept-Language, Authorization, Cookie/)
      expect(response.headers.get('set-cookie')).toBeNull()
    }
  })

  it('keeps answers apart by Accept-Language', async () => {
    const path = '/api/stores/not-an-id-at-all'
    const english = await server.request('/api/stores?limit=1&depth=0', { headers: { 'Accept-Language': 'en' } })
    const japanese = await server.request('/api/stores?limit=1&depth=0', { headers: { 'Accept-Language': 'ja' } })
    expect([english.headers.get('x-cache'), japanese.headers.get('x-cache')]).toEqual(['MISS', 'MISS'])
    expect((await server.request(path, { headers: { 'Accept-Language': 'en' } })).headers.get('x-cache')).toBeNull()
  })

  it('answers a read after a Local API change with the change (the cache emptied before the write returned)', async () => {
    const read = async () => (await (await server.request(`/api/stores/${storeId}?depth=0`)).json()).name
    await read()
    await server.payload.update({
      collection: 'stores',
      id: storeId,
      data: { name: '佐賀駅前店' },
      overrideAccess: true,
    })
    expect(await read()).toBe('佐賀駅前店')
    await server.payload.update({ collection: 'stores', id: storeId, data: { name: '佐賀店' }, overrideAccess: true })
    expect(await read()).toBe('佐賀店')
  })
})

describe('credentials bypass the cache both ways', () => {
  it('never answers a request with Authorization from the cache, nor keeps its answer', async () => {
    const path = '/api/devices?limit=3&depth=0&sort=model'
    await server.request(path)
    expect((await server.request(path)).headers.get('x-cache')).toBe('HIT')
    const signedIn = await server.request(path, { token: staff.token })
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
    expect(signedIn.headers.get('etag')).toBeNull()
    // Any scheme counts, even one the server does not accept.
    expect(
      (await server.request(path, { headers: { Authorization: 'Bearer nonsense' } })).headers.get('x-cache'),
    ).toBeNull()

    const first = '/api/devices?limit=4&depth=0&sort=model'
    await server.request(first, { token: staff.token })
    expect((await server.request(first)).headers.get('x-cache')).toBe('MISS')
  })

  it('never answers a request with the session cookie from the cache, nor keeps its answer', async () => {
    const cookie = { Cookie: `theme=dark; payload-token=${staff.token}` }
    const path = '/api/devices?limit=5&depth=0&sort=model'
    await server.request(path)
    const signedIn = await server.request(path, { headers: cookie })
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')

    const first = '/api/devices?limit=6&depth=0&sort=model'
    await server.request(first, { headers: cookie })
    expect((await server.request(first)).headers.get('x-cache')).toBe('MISS')
    // Other cookies leave a request anonymous.
    expect((await server.request(first, { headers: { Cookie: 'theme=dark' } })).headers.get('x-cache')).toBe('HIT')
  })

  it("never shows a signed-in user's draft to an anonymous reader, whatever the order of requests", async () => {
    const published = await server.payload.create({
      collection: 'articles',
      data: { ...article('公開版', 'cache-draft'), _status: 'published' },
      overrideAccess: true,
    })
    await server.payload.update({
      collection: 'articles',
      id: published.id,
      draft: true,
      data: { title: '下書き版' },
      overrideAccess: true,
    })
    const paths = [
      `/api/articles/${published.id}?draft=true`,
      '/api/articles?where[slug][equals]=cache-draft&draft=true',
      `/api/articles/${published.id}`,
    ]
    const titleOf = async (response: Response) => {
      const json = await response.json()
      return json.docs ? json.docs[0]?.title : json.title
    }
    const anonymousTitles = new Set<string>()
    for (const path of paths) {
      for (const order of [
        ['staff', 'anonymous', 'staff', 'anonymous'],
        ['anonymous', 'staff', 'anonymous', 'staff'],
      ]) {
        for (const who of order) {
          const response = await server.request(path, who === 'staff' ? { token: staff.token } : {})
          const title = await titleOf(response)
          if (who === 'staff') expect(title, path).toBe(path.includes('draft=true') ? '下書き版' : '公開版')
          else anonymousTitles.add(title)
        }
      }
      // Read anonymously once more, now that every signed-in read of the path is done.
      anonymousTitles.add(await titleOf(await server.request(path)))
    }
    expect(anonymousTitles).not.toContain('下書き版')
    expect(anonymousTitles).toContain('公開版')
  })
})

describe('validators, HEAD and compression', () => {
  it('answers 304 with no body when If-None-Match holds the ETag, on a miss and on a hit', async () => {
    const path = '/api/devices?limit=7&depth=0&sort=model'
    const first = await server.request(path)
    const etag = first.headers.get('etag') as string
    const onHit = await server.request(path, { headers: { 'If-None-Match': `"other", ${etag}` } })
    expect(onHit.status).toBe(304)
    expect(await onHit.text()).toBe('')
    expect(onHit.headers.get('etag')).toBe(etag)
    expect(onHit.headers.get('x-cache')).toBe('HIT')
    expect(onHit.headers.get('content-type')).toBeNull()
    expect(onHit.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')

    await server.payload.update({
      collection: 'stores',
      id: storeId,
      data: { phone: '03-1234-5679' },
      overrideAccess: true,
    })
    const onMiss = await server.request(path, { headers: { 'If-None-Match': etag } })
    expect(onMiss.headers.get('x-cache')).toBe('MISS')
    expect(onMiss.status).toBe(304)
    expect(onMiss.headers.get('content-type')).toBeNull()
    expect(await onMiss.text()).toBe('')
    const stale = await server.request(path, { headers: { 'If-None-Match': '"not-this-one"' } })
    expect(stale.status).toBe(200)
    expect((await stale.json()).docs).toHaveLength(7)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const path = '/api/devices?limit=8&depth=0&sort=model'
    const identity = { 'Accept-Encoding': 'identity' }
    const get = await server.request(path, { headers: identity })
    const text = await get.text()
    for (const attempt of ['miss', 'hit']) {
      const head = await server.request(attempt === 'miss' ? `${path}&head=1` : path, {
        method: 'HEAD',
        headers: identity,
      })
      expect(head.status, attempt).toBe(200)
      expect(await head.text()).toBe('')
      if (attempt === 'hit') {
        expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
        expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(text)))
      }
    }
  })

  it('sends gzip and brotli bodies that decode to the identity body, with the same ETag, on a miss and on a hit', async () => {
    const path = '/api/devices?limit=20&depth=0&sort=model'
    const raw = async (encoding: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { 'Accept-Encoding': encoding } })
      // fetch decodes what it is sent; the bytes on the wire are checked through node:http below.
      return response
    }
    const identity = await raw('identity')
    const identityBody = await identity.text()
    expect(identity.headers.get('content-encoding')).toBeNull()
    expect(identity.headers.get('content-length')).toBe(String(Buffer.byteLength(identityBody)))
    for (const encoding of ['gzip', 'br', 'gzip', 'br']) {
      const { headers, bytes } = await wireGet(path, { 'Accept-Encoding': encoding })
      expect(headers['content-encoding']).toBe(encoding)
      expect(headers['content-length']).toBe(String(bytes.length))
      expect(headers.etag).toBe(identity.headers.get('etag'))
      const decoded = encoding === 'gzip' ? gunzipSync(bytes) : brotliDecompressSync(bytes)
      expect(decoded.toString()).toBe(identityBody)
    }
    // Brotli is preferred when the client likes both alike; q-values are honoured.
    expect((await wireGet(path, { 'Accept-Encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br')
    expect((await wireGet(path, { 'Accept-Encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip')
    expect((await wireGet(path, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined()
  })

  it('does not compress a small body', async () => {
    const { headers, bytes } = await wireGet(`/api/stores/${storeId}?depth=0&select[name]=true`, {
      'Accept-Encoding': 'gzip, br',
    })
    expect(bytes.length).toBeLessThan(1024)
    expect(headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(bytes.toString()).name).toBeTruthy()
  })
})

describe('RESPONSE_CACHE=off', () => {
  let uncached: Server
  let baseUrl: string
  beforeAll(async () => {
    process.env.RESPONSE_CACHE = 'off'
    const settings = deliverySettings(server.payload.config)
    delete process.env.RESPONSE_CACHE
    expect(settings.cache).toBeUndefined()
    const listener = createListener(
      {
        payload: server.payload,
        config: Promise.resolve(server.payload.config),
        readiness: { shuttingDown: false },
        production: false,
        apiRateLimitPerMinute: 0,
      },
      settings,
    )
    uncached = createServer(listener).listen(0, '127.0.0.1')
    await new Promise((resolve) => uncached.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(uncached.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    uncached.closeAllConnections()
    await closeServer(uncached)
  })

  it('answers every read from Payload, still with ETag, 304 and compression', async () => {
    const path = '/api/devices?limit=20&depth=0&sort=model'
    const first = await fetch(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'br' } })
    const second = await fetch(`${baseUrl}${path}`, {
      headers: { 'If-None-Match': first.headers.get('etag') as string },
    })
    expect(first.headers.get('x-cache')).toBeNull()
    expect(second.headers.get('x-cache')).toBeNull()
    expect(first.headers.get('etag')).toMatch(/^"/)
    expect(second.status).toBe(304)
    expect(first.headers.get('content-encoding')).toBe('br')
  })
})

/** A GET through node:http, which hands over the bytes as sent (fetch would decode them). */
const wireGet = (path: string, headers: Record<string, string>) =>
  new Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
    import('node:http').then(({ get }) => {
      get(`${server.baseUrl}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }))
        response.on('error', reject)
      }).on('error', reject)
    }, reject)
  })
