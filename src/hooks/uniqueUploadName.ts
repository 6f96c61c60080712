import type { CollectionBeforeOperationHook, CollectionSlug, PayloadRequest } from 'payload'

import { randomBytes } from 'node:crypto'
import { ValidationError } from 'payload'

import { inRequestLanguage, label } from '../lib/i18n'
import { toHalfWidth } from '../lib/normalize'

/** 64 random bits, in hex: a token never contains the `x` of a size suffix (`-300x300`), so no name looks like a size. */
const TOKEN_BYTES = 8
const MAX_STEM_LENGTH = 40

const ATTACH_THE_FILE = label(
  '画像ファイルを添付してください（URL からの取り込みはできません）。',
  'Attach the image file (images are not fetched from a URL).',
)

/** The uploaded name's Latin letters and digits, lower-case, joined by hyphens: readable, and safe on every file system. */
export const readableStem = (filename: string): string => {
  const dot = filename.lastIndexOf('.')
  const stem = dot > 0 ? filename.slice(0, dot) : filename
  const words = toHalfWidth(stem).toLowerCase().match(/[a-z0-9]+/g) ?? []
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

/**
 * Payload names the stored original after the uploaded file and each size after the original's stem
 * (`photo-300x300.webp`), making only the original's full name unique: `photo.jpg` and `photo.png` then share
 * their sizes, a second upload overwrites the first's and deleting either deletes both. So every upload gets a
 * stem of its own before Payload writes anything: the uploaded stem (readable) and a random token
 * (`iphone8-before-3f9a1c0d2b7e4a68.jpg`, sizes `iphone8-before-3f9a1c0d2b7e4a68-300x300.webp`).
 *
 * A new document comes only from an uploaded file (or a duplicate of a stored one, which Payload names after it
 * with a counter): Payload would otherwise fetch a URL the request names and keep the name the request gives.
 */
export const uniqueUploadName: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) {
    if (operation === 'create' && !args.duplicateFromID && !args.overrideAccess) {
      throw new ValidationError({ collection: collection.slug, errors: [{ path: 'file', message: inRequestLanguage(ATTACH_THE_FILE, req) }] }, req.t)
    }
    return args
  }
  const stem = readableStem(file.name)
  let token = randomBytes(TOKEN_BYTES).toString('hex')
  while (await tokenTaken(req, collection.slug, token)) token = randomBytes(TOKEN_BYTES).toString('hex')
  req.file = { ...file, name: `${stem}-${token}${extensionOf(file.name)}` }
  return args
}
