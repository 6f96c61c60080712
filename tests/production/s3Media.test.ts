import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { deploymentProblems } from '../../src/lib/deployment'
import { parseEnvironment } from '../../src/lib/env'
import { httpClient } from '../helpers/http'
import { NO_PHOTO_METADATA, phonePhotoWithGps, photoMetadataIn, uploadForm } from '../helpers/images'
import { type Instance, startInstance } from '../helpers/instance'
import { type S3Peer, startS3Peer } from '../helpers/s3Peer'

/**
 * Media in an S3 bucket (S3_BUCKET, through Payload's official adapter): two server processes on one database and
 * one bucket, the bucket a real S3 API on loopback (s3rver). What the local disk promises holds there too: an
 * upload on one instance is served by the other, every stored object is stripped of the photo's metadata, and no
 * object outlives the files of its document.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable'
const PREFIX = 'media'
const SIZE_NAMES = ['card', 'hero', 'social', 'thumbnail']

describe('a deployment with media on S3', () => {
  const deployment = { PAYLOAD_SECRET: 'x'.repeat(32), SERVER_URL: 'https://cms.example.jp', SMTP_URL: 'smtp://mail' }
  const s3 = {
    S3_BUCKET: 'cms-media',
    S3_REGION: 'ap-northeast-1',
    S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    S3_SECRET_ACCESS_KEY: 'secret',
  }

  it('refuses to start with a bucket but without its region or both halves of its key', () => {
    expect(deploymentProblems(parseEnvironment({ ...deployment, ...s3 }))).toEqual([])
    expect(deploymentProblems(parseEnvironment({ ...deployment, S3_BUCKET: 'cms-media' })).join(' ')).toMatch(
      /S3_REGION is not set.*S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    )
    expect(deploymentProblems(parseEnvironment({ ...deployment, ...s3, S3_SECRET_ACCESS_KEY: '' })).join(' ')).toMatch(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set/,
    )
  })

  it('refuses an endpoint that is not a URL and a path-style switch that is not true or false', () => {
    expect(
      deploymentProblems(
        parseEnvironment({ ...deployment, ...s3, S3_ENDPOINT: 'https://s3.example.jp', S3_FORCE_PATH_STYLE: 'true' }),
      ),
    ).toEqual([])
    expect(
      deploymentProblems(
        parseEnvironment({ ...deployment, ...s3, S3_ENDPOINT: 'minio:9000', S3_FORCE_PATH_STYLE: 'yes' }),
      ).join(' '),
    ).toMatch(/S3_ENDPOINT "minio:9000" is not an http.*S3_FORCE_PATH_STYLE must be true or false/)
  })

  it('needs none of it while media stay on the local disk', () => {
    expect(deploymentProblems(parseEnvironment({ ...deployment, S3_REGION: 'ap-northeast-1' }))).toEqual([])
  })
})

describe('media in one S3 bucket shared by two instances', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-s3-media-'))
  const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
  let peer: S3Peer
  let a: Instance | undefined
  let b: Instance | undefined
  let token: string
  let photo: { id: string; filename: string; url: string; sizes: Record<string, { filename: string; url: string }> }

  const storedKeys = (doc: typeof photo) =>
    [doc.filename, ...Object.values(doc.sizes).map((size) => size.filename)].map((name) => `${PREFIX}/${name}`).sort()
  const pathOf = (url: string) => new URL(url, 'http://cms.invalid').pathname
  const upload = async (instance: Instance, filename: string) => {
    const response = await httpClient(instance.baseUrl).request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(await phonePhotoWithGps(), filename, 'image/jpeg', { alt: filename }),
    })
    expect(response.status).toBe(201)
    return (await response.json()).doc as typeof photo
  }

  // A seeds the database first; B starts on it after that. Two process starts in a row: more than the default hook time.
  beforeAll(async () => {
    peer = await startS3Peer()
    const env = {
      ...peer.env,
      S3_PREFIX: PREFIX,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SEED_ADMIN_EMAIL: admin.email,
      SEED_ADMIN_PASSWORD: admin.password,
    }
    a = await startInstance({ dataDir, env })
    token = await httpClient(a.baseUrl).login(admin.email, admin.password)
    b = await startInstance({ dataDir, env })
  }, 400_000)
  afterAll(async () => {
    const exitCodes = await Promise.all([a?.stop(), b?.stop()])
    await peer?.stop()
    rmSync(dataDir, { recursive: true, force: true })
    expect(exitCodes).toEqual([0, 0])
  })

  it('an upload through REST on A is served by B byte for byte from the bucket, with immutable caching, the object’s ETag and ranges', async () => {
    const began = performance.now()
    photo = await upload(a!, 'iPhone8 Before.jpg')
    const uploadedMs = performance.now() - began
    // Absolute without SERVER_URL too, on S3 as on the local disk: the address the instance listens at.
    for (const url of [photo.url, ...SIZE_NAMES.map((name) => photo.sizes[name]!.url)])
      expect(url.startsWith(`${a!.baseUrl}/api/media/file/`), url).toBe(true)
    const served = await httpClient(b!.baseUrl).request(pathOf(photo.url))
    const firstByteMs = performance.now() - began
    expect(served.status).toBe(200)
    const bytes = Buffer.from(await served.arrayBuffer())
    expect(bytes.equals(await peer.object(`${PREFIX}/${photo.filename}`))).toBe(true)
    console.log(
      `S3 round trip between two instances: upload on A answered in ${uploadedMs.toFixed(0)} ms (original + ${SIZE_NAMES.length} sizes stored); first byte served by B ${firstByteMs.toFixed(0)} ms after the upload began`,
    )

    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(served.headers.get('cache-control')).toBe(IMMUTABLE)
    const etag = served.headers.get('etag')
    expect(etag).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`)
    const revalidated = await httpClient(a!.baseUrl).request(pathOf(photo.url), { headers: { 'If-None-Match': etag! } })
    expect([revalidated.status, await revalidated.text(), revalidated.headers.get('cache-control')]).toEqual([
      304,
      '',
      IMMUTABLE,
    ])
    const range = await httpClient(b!.baseUrl).request(pathOf(photo.sizes.thumbnail!.url), {
      headers: { Range: 'bytes=0-3' },
    })
    expect([range.status, range.headers.get('content-type'), await range.text()]).toEqual([206, 'image/webp', 'RIFF'])
    // Nothing went to either instance's disk.
    const mediaDir = path.join(dataDir, 'media')
    expect(existsSync(mediaDir) ? readdirSync(mediaDir) : []).toEqual([])
  })

  it('holds the original and every size in the bucket, each without EXIF, camera serial or GPS position', async () => {
    expect(Object.keys(photo.sizes).sort()).toEqual(SIZE_NAMES)
    expect(await peer.keys()).toEqual(storedKeys(photo))
    for (const key of storedKeys(photo))
      expect(await photoMetadataIn(await peer.object(key)), key).toEqual(NO_PHOTO_METADATA)
  })

  it('a crop and focal point set on B store new stripped objects under new names and remove the replaced ones, as on the local disk', async () => {
    const edit = new URLSearchParams({
      'uploadEdits[crop][x]': '10',
      'uploadEdits[crop][y]': '10',
      'uploadEdits[crop][width]': '50',
      'uploadEdits[crop][height]': '50',
      'uploadEdits[crop][unit]': '%',
      'uploadEdits[widthInPixels]': '800',
      'uploadEdits[heightInPixels]': '600',
      'uploadEdits[focalPoint][x]': '20',
      'uploadEdits[focalPoint][y]': '30',
    })
    const response = await httpClient(b!.baseUrl).request(`/api/media/${photo.id}?${edit}`, {
      method: 'PATCH',
      token,
      json: {},
    })
    expect(response.status).toBe(200)
    const edited = (await response.json()).doc as typeof photo & { width: number; focalX: number; focalY: number }
    expect([edited.width, edited.focalX, edited.focalY]).toEqual([800, 20, 30])
    expect(storedKeys(edited).filter((key) => storedKeys(photo).includes(key))).toEqual([])
    // What the database keeps is what the bucket holds: the edit was applied once, and its files stored.
    const kept = (await (await httpClient(a!.baseUrl).request(`/api/media/${photo.id}?depth=0`)).json()) as typeof photo
    expect(storedKeys(kept)).toEqual(storedKeys(edited))
    expect(await peer.keys()).toEqual(storedKeys(edited))
    for (const key of storedKeys(edited))
      expect(await photoMetadataIn(await peer.object(key)), key).toEqual(NO_PHOTO_METADATA)
    expect((await httpClient(a!.baseUrl).request(pathOf(photo.url))).status).toBe(404)
    photo = edited
  })

  it('a delete on B removes the original and every size from the bucket, and A then answers 404 for them', async () => {
    const other = await upload(a!, 'counter.jpg')
    expect((await httpClient(b!.baseUrl).request(`/api/media/${photo.id}`, { method: 'DELETE', token })).status).toBe(
      200,
    )
    expect(await peer.keys()).toEqual(storedKeys(other))
    for (const url of [photo.url, ...Object.values(photo.sizes).map((size) => size.url)])
      expect((await httpClient(a!.baseUrl).request(pathOf(url))).status, url).toBe(404)
  })
})
