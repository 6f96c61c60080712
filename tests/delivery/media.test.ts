import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { pngImage, uploadForm } from '../helpers/images'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let token: string
let doc: { id: string; url: string; filename: string; sizes: Record<string, { url: string }> }
let original: Buffer

const IMMUTABLE = 'public, max-age=31536000, immutable'

beforeAll(async () => {
  server = await startServer()
  const admin = await createUser(server.payload, 'admin')
  token = await server.login(admin.email, admin.password)
  const response = await server.request('/api/media', {
    method: 'POST',
    token,
    body: uploadForm(await pngImage(640, 480), 'shop-front.png', 'image/png', { alt: '店舗の外観' }),
  })
  expect(response.status).toBe(201)
  doc = (await response.json()).doc
  original = Buffer.from(await (await server.request(doc.url)).arrayBuffer())
})
afterAll(async () => {
  await server?.stop()
})

describe('media files for frontends', () => {
  it('are served to the public with long-lived caching, a strong ETag, Last-Modified and byte ranges', async () => {
    const response = await server.request(doc.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE)
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/)
    expect(Date.parse(response.headers.get('last-modified') ?? '')).not.toBeNaN()
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(Number(response.headers.get('content-length'))).toBe(original.length)
    expect(original.subarray(1, 4).toString()).toBe('PNG')
  })

  it('answers a Range with 206 and exactly those bytes', async () => {
    const response = await server.request(doc.url, { headers: { Range: 'bytes=10-29' } })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 10-29/${original.length}`)
    expect(Buffer.from(await response.arrayBuffer())).toEqual(original.subarray(10, 30))
    const tail = await server.request(doc.url, { headers: { Range: 'bytes=-16' } })
    expect(tail.status).toBe(206)
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(original.subarray(original.length - 16))
  })

  it('answers a range entirely past the end with 416 and the size', async () => {
    const response = await server.request(doc.url, {
      headers: { Range: `bytes=${original.length}-${original.length + 100}` },
    })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${original.length}`)
    expect(response.headers.get('cache-control')).not.toBe(IMMUTABLE)
  })

  it('honours a range only while If-Range still names this file', async () => {
    const { headers } = await server.request(doc.url)
    const current = await server.request(doc.url, { headers: { Range: 'bytes=0-9', 'If-Range': headers.get('etag')! } })
    expect(current.status).toBe(206)
    const stale = await server.request(doc.url, { headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' } })
    expect(stale.status).toBe(200)
    expect(Buffer.from(await stale.arrayBuffer())).toEqual(original)
  })

  it('answers If-None-Match and If-Modified-Since with 304 and no body, and a changed validator with the file', async () => {
    const first = await server.request(doc.url)
    const etag = first.headers.get('etag')!
    const revalidated = await server.request(doc.url, { headers: { 'If-None-Match': etag } })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('etag')).toBe(etag)
    expect(revalidated.headers.get('cache-control')).toBe(IMMUTABLE)
    expect(await revalidated.text()).toBe('')
    const byDate = await server.request(doc.url, {
      headers: { 'If-Modified-Since': first.headers.get('last-modified')! },
    })
    expect(byDate.status).toBe(304)
    const changed = await server.request(doc.url, { headers: { 'If-None-Match': '"something-else"' } })
    expect(changed.status).toBe(200)
  })

  it('serves every image size the same way', async () => {
    const thumbnail = await server.request(doc.sizes.thumbnail!.url, { headers: { Range: 'bytes=0-3' } })
    expect(thumbnail.status).toBe(206)
    expect(thumbnail.headers.get('content-type')).toBe('image/webp')
    expect(thumbnail.headers.get('cache-control')).toBe(IMMUTABLE)
    expect((await thumbnail.text()).slice(0, 4)).toBe('RIFF')
  })

  it('answers 404 for a name no document has, and refuses a path out of the folder', async () => {
    expect((await server.request('/api/media/file/no-such-photo-0000000000000000.png')).status).toBe(404)
    expect((await server.request('/api/media/file/..%2F..%2Fpayload.config.ts')).status).toBeGreaterThanOrEqual(400)
    expect((await server.request('/api/media/file/..%2F..%2Fpayload.config.ts')).status).toBeLessThan(500)
  })

  it('gives a new file, or a crop of the stored one, a new URL: a URL always names the same bytes', async () => {
    const replaced = await server.request(`/api/media/${doc.id}`, {
      method: 'PATCH',
      token,
      body: uploadForm(await pngImage(320, 240), 'shop-front.png', 'image/png', {}),
    })
    expect(replaced.status).toBe(200)
    const afterUpload = (await replaced.json()).doc
    expect(afterUpload.url).not.toBe(doc.url)
    expect(afterUpload.sizes.thumbnail.url).not.toBe(doc.sizes.thumbnail!.url)

    const crop = new URLSearchParams({
      'uploadEdits[crop][x]': '0',
      'uploadEdits[crop][y]': '0',
      'uploadEdits[crop][width]': '50',
      'uploadEdits[crop][height]': '50',
      'uploadEdits[crop][unit]': '%',
      'uploadEdits[heightInPixels]': '120',
      'uploadEdits[widthInPixels]': '160',
    })
    const cropped = await server.request(`/api/media/${doc.id}?${crop}`, {
      method: 'PATCH',
      token,
      json: { alt: '切り抜き' },
    })
    expect(cropped.status).toBe(200)
    const afterCrop = (await cropped.json()).doc
    expect(afterCrop.width).toBe(160)
    expect(afterCrop.url).not.toBe(afterUpload.url)
    expect(afterCrop.sizes.thumbnail.url).not.toBe(afterUpload.sizes.thumbnail.url)
    // The replaced files are gone, not served from their old URLs.
    expect((await server.request(afterUpload.url)).status).toBe(404)
  })
})
