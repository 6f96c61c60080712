import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStores, type SignedInUser } from '../helpers/fixtures'
import { uploadForm } from '../helpers/images'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

/**
 * Upload names. Payload made only the original's file name unique, and named each size after the original's stem:
 * two stores' `photo.jpg` and `photo.png` shared `photo-300x300.webp` and the other sizes, the second upload
 * overwrote the first's thumbnail, card and hero, and deleting either deleted the other's. Each case uploads one
 * kind of colliding name from two stores, each photo a colour of its own, and asks of the stored files: each is
 * one document's, holds that document's photo, and outlives the deletion of every other document.
 */

type Colour = { r: number; g: number; b: number }
type MediaDoc = { id: string; filename: string; sizes: Record<string, { filename: string | null }> }

const RED: Colour = { r: 220, g: 30, b: 30 }
const GREEN: Colour = { r: 30, g: 200, b: 30 }
const BLUE: Colour = { r: 30, g: 40, b: 220 }

const FORMATS = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp' } as const
const MIME_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

let server: TestServer
let staffOfA: SignedInUser
let staffOfB: SignedInUser
let hq: SignedInUser
let mediaDir: string

/** An 800×600 photo of one colour, encoded as the name's extension says. */
const photo = async (name: string, colour: Colour) => {
  const format = FORMATS[name.split('.').pop()!.toLowerCase() as keyof typeof FORMATS]
  const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer()
  return { bytes, type: MIME_TYPES[format] }
}

const upload = async (by: SignedInUser, name: string, colour: Colour): Promise<MediaDoc> => {
  const { bytes, type } = await photo(name, colour)
  const response = await server.request('/api/media', {
    method: 'POST',
    token: by.token,
    body: uploadForm(bytes, name, type, { alt: name }),
  })
  expect(response.status, name).toBe(201)
  return (await response.json()).doc
}

/** The original and every size a document names. */
const storedFiles = (doc: MediaDoc): string[] =>
  [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size.filename)].filter((name): name is string =>
    Boolean(name),
  )

/** The photo's colour as stored: the mean of each channel. */
const colourOf = async (filename: string): Promise<Colour> => {
  const { channels } = await sharp(readFileSync(path.join(mediaDir, filename))).stats()
  return { r: channels[0].mean, g: channels[1].mean, b: channels[2].mean }
}

const expectColour = async (filename: string, expected: Colour) => {
  const actual = await colourOf(filename)
  const distance = Math.max(
    ...(['r', 'g', 'b'] as const).map((channel) => Math.abs(actual[channel] - expected[channel])),
  )
  expect.soft(distance, `${filename} holds another document's photo`).toBeLessThan(30)
}

/**
 * What the stores can rely on, for documents uploaded in order: no two share a stored name (ignoring case, as the
 * media folder may sit on a case-insensitive file system), each file holds its own document's photo, and deleting
 * the later documents (HQ curating the library) leaves the first one's files whole. Soft expectations: a failure
 * reports every damage at once.
 */
const expectFilesOwnedAlone = async (uploads: { doc: MediaDoc; colour: Colour }[]) => {
  const owners = new Map<string, string[]>()
  for (const { doc } of uploads)
    for (const name of storedFiles(doc))
      owners.set(name.toLowerCase(), [...(owners.get(name.toLowerCase()) ?? []), doc.id])
  const shared = [...owners].filter(([, ids]) => ids.length > 1).map(([name]) => name)
  expect.soft(shared, 'files named by more than one document').toEqual([])

  for (const { doc, colour } of uploads) for (const name of storedFiles(doc)) await expectColour(name, colour)

  const [first, ...later] = uploads
  for (const { doc } of later)
    expect((await server.request(`/api/media/${doc.id}`, { method: 'DELETE', token: hq.token })).status).toBe(200)
  for (const name of storedFiles(first.doc)) {
    const kept = existsSync(path.join(mediaDir, name))
    expect.soft(kept, `${name} deleted with another document`).toBe(true)
    if (kept) await expectColour(name, first.colour)
  }
}

beforeAll(async () => {
  server = await startServer()
  const { a, b } = await createStores(server.payload, { a: 'Store A', b: 'Store B' })
  ;({
    staff: staffOfA,
    otherStaff: staffOfB,
    hq,
  } = await roleAccounts(server, { own: a!, other: b }, ['staff', 'otherStaff', 'hq']))
  mediaDir = server.payload.collections.media.config.upload.staticDir!
})
afterAll(async () => {
  await server?.stop()
})

// Each case uploads, resizes and deletes a dozen files: generous on a busy two-core machine.
describe('uploads whose names collide keep their files apart', { timeout: 120_000 }, () => {
  it('the same stem with another extension (photo.jpg, photo.png)', async () => {
    await expectFilesOwnedAlone([
      { doc: await upload(staffOfA, 'shelf.jpg', RED), colour: RED },
      { doc: await upload(staffOfB, 'shelf.png', BLUE), colour: BLUE },
    ])
  })

  it('the same name, after a name that looks like its numbered copy', async () => {
    // Payload numbers a repeated name (counter-1.jpg) without asking whether counter-1's sizes already exist.
    await expectFilesOwnedAlone([
      { doc: await upload(staffOfA, 'counter-1.png', RED), colour: RED },
      { doc: await upload(staffOfB, 'counter.jpg', GREEN), colour: GREEN },
      { doc: await upload(staffOfB, 'counter.jpg', BLUE), colour: BLUE },
    ])
  })

  it('names that differ only by case', async () => {
    await expectFilesOwnedAlone([
      { doc: await upload(staffOfA, 'Window.jpg', RED), colour: RED },
      { doc: await upload(staffOfB, 'window.png', BLUE), colour: BLUE },
    ])
  })

  it('names that Payload sanitises to the same name', async () => {
    await expectFilesOwnedAlone([
      { doc: await upload(staffOfA, 'gate.jpg', RED), colour: RED },
      { doc: await upload(staffOfB, 'ga<t>e?.png', BLUE), colour: BLUE },
    ])
  })

  it('an original named like another upload’s size (sign-300x300.webp, then sign.jpg)', async () => {
    await expectFilesOwnedAlone([
      { doc: await upload(staffOfA, 'sign-300x300.webp', RED), colour: RED },
      { doc: await upload(staffOfB, 'sign.jpg', BLUE), colour: BLUE },
    ])
  })

  it('every file in the media folder belongs to exactly one media document', async () => {
    const { docs } = await server.payload.find({ collection: 'media', limit: 0, overrideAccess: true })
    const named = (docs as unknown as MediaDoc[]).flatMap(storedFiles)
    expect(new Set(named).size, 'names given twice').toBe(named.length)
    expect(readdirSync(mediaDir).sort()).toEqual([...named].sort())
  })
})
