import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { publicBaseUrl } from '../../src/lib/serverUrl'
import { createStores } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { startServer, type TestServer } from '../helpers/server'

/**
 * A frontend on another origin uses every media URL the CMS hands out as it comes, in every local default (no
 * SERVER_URL: the address the CMS listens at), and a trimmed `select` never returns a URL without what it is made of.
 */

let server: TestServer
let photo: string
let report: string

const SIZES = ['thumbnail', 'card', 'hero', 'social']
const text = (value: string) => ({
  type: 'text',
  text: value,
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}): any => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

type File = {
  url?: string | null
  filename?: string
  sizes?: Record<string, { url?: string | null; filename?: string }>
}

const absolute = (url: unknown) =>
  typeof url === 'string' && url.startsWith(`${publicBaseUrl()}/api/media/file/`) && /^https?:\/\/[^/]/.test(url)

const expectAbsoluteUrls = (file: File) => {
  expect(absolute(file.url), String(file.url)).toBe(true)
  for (const size of SIZES) expect(absolute(file.sizes?.[size]?.url), `${size}: ${file.sizes?.[size]?.url}`).toBe(true)
}

const rest = async (path: string) => {
  const response = await server.request(path)
  expect(response.status, path).toBe(200)
  return response.json()
}

beforeAll(async () => {
  server = await startServer()
  const { payload } = server
  const { saga } = await createStores(payload, { saga: '佐賀店' })
  const png = await pngImage()
  photo = String(
    (
      await payload.create({
        collection: 'media',
        data: { alt: '修理前' },
        file: { data: png, mimetype: 'image/png', name: 'before.png', size: png.length },
        overrideAccess: true,
      })
    ).id,
  )
  const device = (
    await payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'iPhone 0', releaseYear: 2020 },
      overrideAccess: true,
    })
  ).id
  const body = {
    root: element('root', [
      element('paragraph', [text('交換しました。')]),
      { type: 'upload', relationTo: 'media', value: photo, fields: null, format: '', version: 3 },
    ]),
  }
  report = String(
    (
      await payload.create({
        collection: 'repair-logs',
        data: {
          title: '画面交換',
          publishedAt: '2026-04-01T00:00:00+09:00',
          store: saga,
          device,
          repairMenu: 'battery',
          body,
          beforePhotos: [photo],
          _status: 'published',
        },
        overrideAccess: true,
      })
    ).id,
  )
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('media URLs without SERVER_URL', () => {
  it('are absolute in an anonymous REST read of a repair report: the photo, each of its sizes and the picture in the body', async () => {
    const { beforePhotos, bodyHtml } = await rest(`/api/repair-logs/${report}?depth=1`)
    expectAbsoluteUrls(beforePhotos[0])
    expect(bodyHtml).toContain(`<img src="${beforePhotos[0].sizes.hero.url}"`)
    expect(absolute(/<img src="([^"]+)"/.exec(bodyHtml)?.[1])).toBe(true)
  })

  it('are absolute in an anonymous GraphQL read of the same report', async () => {
    const { body } = await server.graphql(
      `{ RepairLog(id: "${report}") { bodyHtml beforePhotos { url sizes { thumbnail { url } card { url } hero { url } social { url } } } } }`,
    )
    expect(body.errors).toBeUndefined()
    const { beforePhotos, bodyHtml } = body.data.RepairLog
    expectAbsoluteUrls(beforePhotos[0])
    expect(absolute(/<img src="([^"]+)"/.exec(bodyHtml)?.[1])).toBe(true)
  })

  it('open the file on the CMS', async () => {
    const { url } = await rest(`/api/media/${photo}`)
    expect((await server.request(url)).status).toBe(200)
  })
})

describe('a trimmed select', () => {
  it('returns the URL of a file and of a size asked for alone, without the file names they are made of', async () => {
    const file = await rest(`/api/media/${photo}?select[url]=true&select[sizes][card][url]=true`)
    expect(absolute(file.url)).toBe(true)
    expect(absolute(file.sizes.card.url)).toBe(true)
    expect(file).not.toHaveProperty('filename')
    expect(file.sizes.card).not.toHaveProperty('filename')
    expect(Object.keys(file.sizes)).toEqual(['card'])
  })

  it('returns the URLs in a list read', async () => {
    const { docs } = await rest(`/api/media?where[id][equals]=${photo}&select[sizes][thumbnail][url]=true`)
    expect(absolute(docs[0].sizes.thumbnail.url)).toBe(true)
    expect(docs[0].sizes.thumbnail).not.toHaveProperty('filename')
  })

  it('keeps the file name when it was asked for too', async () => {
    const file = await rest(`/api/media/${photo}?select[url]=true&select[filename]=true`)
    expect(absolute(file.url)).toBe(true)
    expect(file.filename).toMatch(/\.png$/)
  })

  it('returns the URL when the file name alone is excluded, and leaves the file name out', async () => {
    const file = await rest(`/api/media/${photo}?select[filename]=false`)
    expect(absolute(file.url)).toBe(true)
    expect(file).not.toHaveProperty('filename')
    expect(file.alt).toBe('修理前')
  })

  it('returns the URLs of photos populated with a trimmed populate', async () => {
    const { beforePhotos } = await rest(
      `/api/repair-logs/${report}?depth=1&select[beforePhotos]=true&populate[media][url]=true&populate[media][sizes][hero][url]=true`,
    )
    expect(absolute(beforePhotos[0].url)).toBe(true)
    expect(absolute(beforePhotos[0].sizes.hero.url)).toBe(true)
    expect(beforePhotos[0]).not.toHaveProperty('filename')
  })

  it('returns the URLs GraphQL asks for alone, at the top and populated', async () => {
    const { body } = await server.graphql(
      `{ Media(id: "${photo}", select: true) { url sizes { card { url } } } RepairLog(id: "${report}", select: true) { beforePhotos { url sizes { hero { url } } } } }`,
    )
    expect(body.errors).toBeUndefined()
    expect(absolute(body.data.Media.url)).toBe(true)
    expect(absolute(body.data.Media.sizes.card.url)).toBe(true)
    expect(absolute(body.data.RepairLog.beforePhotos[0].url)).toBe(true)
    expect(absolute(body.data.RepairLog.beforePhotos[0].sizes.hero.url)).toBe(true)
  })
})
