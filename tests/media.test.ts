import { existsSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_UPLOAD_BYTES } from '../collections/Media'
import { NO_PHOTO_METADATA, phonePhotoWithGps, photoMetadataIn, uploadForm } from './helpers/images'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let token: string

const EXPECTED_SIZES = {
  thumbnail: { width: 300, height: 300, mimeType: 'image/webp' },
  card: { width: 768, height: 512, mimeType: 'image/webp' },
  hero: { width: 1600, height: 1200, mimeType: 'image/webp' },
  social: { width: 1200, height: 630, mimeType: 'image/jpeg' },
}

const fetchBytes = async (url: string) => {
  const response = await server.request(new URL(url, server.baseUrl).pathname)
  expect(response.status, url).toBe(200)
  return Buffer.from(await response.arrayBuffer())
}

beforeAll(async () => {
  server = await startServer()
  const staff = await createUser(server.payload, 'admin')
  token = await server.login(staff.email, staff.password)
})
afterAll(async () => {
  await server?.stop()
})

describe('photo uploads', () => {
  let doc: any

  beforeAll(async () => {
    const photo = await phonePhotoWithGps()
    expect(await photoMetadataIn(photo)).toEqual({ exif: true, cameraSerial: true, gps: true })
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(photo, 'iphone8-before.jpg', 'image/jpeg', { alt: '修理前のiPhone 8' }),
    })
    expect(response.status).toBe(201)
    doc = (await response.json()).doc
  })

  it('stores the original and every size without EXIF, GPS or camera serial', async () => {
    const urls = [doc.url, ...Object.values(doc.sizes).map((size: any) => size.url)]
    expect(urls).toHaveLength(1 + Object.keys(EXPECTED_SIZES).length)
    for (const url of urls) {
      expect(await photoMetadataIn(await fetchBytes(url)), url).toEqual(NO_PHOTO_METADATA)
    }
  })

  it('makes the sizes frontends need, with the expected dimensions and formats', async () => {
    for (const [name, expected] of Object.entries(EXPECTED_SIZES)) {
      expect(doc.sizes[name], name).toMatchObject(expected)
      const metadata = await sharp(await fetchBytes(doc.sizes[name].url)).metadata()
      expect([metadata.width, metadata.height], name).toEqual([expected.width, expected.height])
    }
  })

  it('refuses a file named .jpg that is not an image with 400, and stores nothing', async () => {
    const before = await server.payload.count({ collection: 'media', overrideAccess: true })
    const fake = Buffer.from('#!/bin/sh\necho this is not a photo\n')
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(fake, 'receipt.jpg', 'image/jpeg', { alt: '偽物' }),
    })
    expect(response.status).toBe(400)
    expect((await server.payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it('requires alt text, naming the field', async () => {
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(await phonePhotoWithGps(), 'no-alt.jpg', 'image/jpeg', {}),
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.errors.flatMap((error: any) => error.data?.errors ?? []).map((error: any) => error.path)).toContain(
      'alt',
    )
  })

  it('refuses a file over the size limit', async () => {
    const oversized = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 0xff)
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(oversized, 'huge.jpg', 'image/jpeg', { alt: '大きすぎる画像' }),
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
  })
})

describe('stored file names', () => {
  const storedFiles = (doc: any): string[] => [
    doc.filename,
    ...Object.values(doc.sizes).map((size: any) => size.filename),
  ]
  const isStored = (name: string) =>
    existsSync(path.join(server.payload.collections.media.config.upload.staticDir!, name))
  const uploadPhoto = async (filename: string) => {
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(await phonePhotoWithGps(), filename, 'image/jpeg', { alt: filename }),
    })
    expect(response.status).toBe(201)
    return (await response.json()).doc
  }

  it('keep the uploaded name readable, with a random token that makes the stem the document’s own', async () => {
    const doc = await uploadPhoto('iPhone8 Before.JPG')
    expect(doc.filename).toMatch(/^iphone8-before-[0-9a-f]{16}\.jpg$/)
    const stem = doc.filename.replace(/\.jpg$/, '')
    for (const name of storedFiles(doc).slice(1)) expect(name.startsWith(`${stem}-`), name).toBe(true)
  })

  it('fall back to “image” for a name without Latin letters or digits', async () => {
    expect((await uploadPhoto('修理前の写真.jpg')).filename).toMatch(/^image-[0-9a-f]{16}\.jpg$/)
  })

  it('are new when a photo is replaced, and the replaced files are removed', async () => {
    const doc = await uploadPhoto('counter.jpg')
    const response = await server.request(`/api/media/${doc.id}`, {
      method: 'PATCH',
      token,
      body: uploadForm(await phonePhotoWithGps(), 'counter.jpg', 'image/jpeg', {}),
    })
    expect(response.status).toBe(200)
    const replaced = (await response.json()).doc
    expect(replaced.filename).toMatch(/^counter-[0-9a-f]{16}\.jpg$/)
    expect(storedFiles(replaced).filter((name) => storedFiles(doc).includes(name))).toEqual([])
    expect(storedFiles(doc).filter(isStored)).toEqual([])
    expect(storedFiles(replaced).every(isStored)).toBe(true)
  })

  it('of a duplicate are its own: deleting the copy leaves the original’s files', async () => {
    const original = await uploadPhoto('shelf.jpg')
    const response = await server.request(`/api/media/${original.id}/duplicate`, { method: 'POST', token, json: {} })
    expect(response.status).toBe(200)
    const copy = (await response.json()).doc
    expect(storedFiles(copy).filter((name) => storedFiles(original).includes(name))).toEqual([])
    expect((await server.request(`/api/media/${copy.id}`, { method: 'DELETE', token })).status).toBe(200)
    expect(storedFiles(original).every(isStored)).toBe(true)
  })

  it('refuses a document without an uploaded file (Payload would fetch the URL it names and keep its file name)', async () => {
    const before = await server.payload.count({ collection: 'media', overrideAccess: true })
    const response = await server.request('/api/media', {
      method: 'POST',
      token,
      json: {
        alt: 'URL から',
        url: 'https://photos.example.com/shelf-0123456789abcdef.jpg',
        filename: 'shelf-0123456789abcdef.jpg',
      },
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.errors.flatMap((error: any) => error.data?.errors ?? []).map((error: any) => error.path)).toContain(
      'file',
    )
    expect((await server.payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })
})
