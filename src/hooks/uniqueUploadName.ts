import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionSlug,
  PayloadRequest,
  SanitizedCollectionConfig,
  TypeWithID,
} from 'payload'

import { randomBytes } from 'node:crypto'
import { ValidationError } from 'payload'

import { inRequestLanguage, label } from '../lib/i18n'
import { toHalfWidth } from '../lib/normalize'

/** 64 random bits, in hex: a token never contains the `x` of a size suffix (`-300x300`), so no name looks like a size. */
const TOKEN_BYTES = 8
const MAX_STEM_LENGTH = 40

const ONE_IMAGE_AT_A_TIME = label(
  '切り抜きや焦点の変更は画像ごとに行ってください。',
  'Crop or refocus one image at a time.',
)

const ATTACH_THE_FILE = label(
  '画像ファイルを添付してください（URL からの取り込みはできません）。',
  'Attach the image file (images are not fetched from a URL).',
)

/** The uploaded name's Latin letters and digits, lower-case, joined by hyphens: readable, and safe on every file system. */
export const readableStem = (filename: string): string => {
  const dot = filename.lastIndexOf('.')
  const stem = dot > 0 ? filename.slice(0, dot) : filename
  const words =
    toHalfWidth(stem)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  return words.join('-').slice(0, MAX_STEM_LENGTH).replace(/-+$/, '') || 'image'
}

/** The uploaded name's extension, lower-case; Payload replaces it with the format sharp wrote anyway. */
const extensionOf = (filename: string): string => {
  const match = /\.([a-z0-9]{1,5})$/i.exec(filename)
  return match ? `.${match[1].toLowerCase()}` : ''
}

/** Whether some stored file of the collection already carries the token (in its original's or a size's name). */
const tokenTaken = async (req: PayloadRequest, collection: CollectionSlug, token: string): Promise<boolean> =>
  Boolean(await req.payload.db.findOne({ collection, where: { filename: { contains: token } }, req }))

type UploadEdits = {
  crop?: unknown
  heightInPixels?: unknown
  widthInPixels?: unknown
  focalPoint?: { x?: unknown; y?: unknown }
}

/**
 * Whether an update makes new files from the stored original (a crop, a resize, a new focal point from the admin's
 * image editor): Payload's own test (generateFileData's shouldReupload), which would rewrite them under their names.
 */
const regeneratesFiles = (req: PayloadRequest, data: Record<string, unknown> | undefined): boolean => {
  const edits = req.query?.uploadEdits
  if (!edits || typeof edits !== 'object') return false
  const { crop, heightInPixels, widthInPixels, focalPoint } = edits as UploadEdits
  if (crop || heightInPixels || widthInPixels) return true
  if (!focalPoint) return false
  const current = (name: 'focalX' | 'focalY') => (data && name in data ? data[name] : false)
  return focalPoint.x !== current('focalX') || focalPoint.y !== current('focalY')
}

/**
 * The stored original of the document being edited, as if uploaded again: Payload then writes its edit as new files.
 * It is read the way it is served, through the collection's file handlers (the local folder, or the S3 adapter's
 * object), as a plain GET: the edit request's own Range or If-None-Match must not cut or withhold it.
 */
const storedOriginal = async (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  id: unknown,
): Promise<NonNullable<PayloadRequest['file']>> => {
  const doc =
    id === undefined
      ? null
      : ((await req.payload.db.findOne({ collection: collection.slug, where: { id: { equals: id } }, req })) as
          (TypeWithID & { filename?: string; mimeType?: string }) | null)
  if (!doc?.filename)
    throw new ValidationError(
      { collection: collection.slug, errors: [{ path: 'file', message: inRequestLanguage(ONE_IMAGE_AT_A_TIME, req) }] },
      req.t,
    )
  const read = { ...req, headers: new Headers(), method: 'GET' } as PayloadRequest
  const params = { collection: collection.slug, filename: doc.filename }
  let response: Response | void = undefined
  for (const handler of collection.upload.handlers ?? []) {
    response = await handler(read, { doc, headers: new Headers(), params })
    if (response instanceof Response) break
  }
  if (!(response instanceof Response) || response.status !== 200)
    throw new Error(
      `The stored original ${doc.filename} could not be read (${response ? response.status : 'no file handler'}).`,
    )
  const data = Buffer.from(await response.arrayBuffer())
  return { data, mimetype: doc.mimeType ?? 'application/octet-stream', name: doc.filename, size: data.length }
}

/**
 * Payload names the stored original after the uploaded file and each size after the original's stem
 * (`photo-300x300.webp`), making only the original's full name unique: `photo.jpg` and `photo.png` then share
 * their sizes, a second upload overwrites the first's and deleting either deletes both. So every upload gets a
 * stem of its own before Payload writes anything: the uploaded stem (readable) and a random token
 * (`iphone8-before-3f9a1c0d2b7e4a68.jpg`, sizes `iphone8-before-3f9a1c0d2b7e4a68-300x300.webp`).
 *
 * An edit that makes new files from the stored original (a crop, a new focal point) is handed to Payload as an upload
 * of that original, so its files get new names too and the old ones are deleted: a file's URL always names the same
 * bytes, which lets frontends and CDNs cache media files for good (src/lib/mediaFiles.ts).
 *
 * A new document comes only from an uploaded file (or a duplicate of a stored one, which Payload names after it
 * with a counter): Payload would otherwise fetch a URL the request names and keep the name the request gives.
 */
export const uniqueUploadName: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  if (operation === 'update' && !req.file && regeneratesFiles(req, args.data))
    req.file = await storedOriginal(req, collection, (args as { id?: unknown }).id)
  const file = req.file
  if (!file) {
    if (operation === 'create' && !args.duplicateFromID && !args.overrideAccess) {
      throw new ValidationError(
        { collection: collection.slug, errors: [{ path: 'file', message: inRequestLanguage(ATTACH_THE_FILE, req) }] },
        req.t,
      )
    }
    return args
  }
  const stem = readableStem(file.name)
  let token = randomBytes(TOKEN_BYTES).toString('hex')
  while (await tokenTaken(req, collection.slug, token)) token = randomBytes(TOKEN_BYTES).toString('hex')
  req.file = { ...file, name: `${stem}-${token}${extensionOf(file.name)}` }
  return args
}

/**
 * An edit (crop, focal point) is applied once. Payload has made its files by the time beforeChange runs; the request's
 * `uploadEdits` are then spent, so an update nested in the same request does not make them again from the new files:
 * the S3 adapter records what it stored with such an update (Payload's reading of a focal point from the query, a
 * string, never equals the stored number, so the edit would look new), and files made there are never stored.
 */
export const spendUploadEdits: CollectionBeforeChangeHook = ({ data, req }) => {
  if (req.query && 'uploadEdits' in req.query) delete req.query.uploadEdits
  return data
}
