import type { CollectionConfig, ImageSize } from 'payload'

import { anyone } from '../src/access/anyone'
import { authenticated } from '../src/access/authenticated'
import { isHqOrAdmin } from '../src/access/isHqOrAdmin'
import { absoluteFileUrls } from '../src/hooks/absoluteFileUrls'
import { readWhatFieldsNeed } from '../src/hooks/readWhatFieldsNeed'
import { rerenderBodiesOnPictureChange } from '../src/hooks/rerenderBodiesOnPictureChange'
import { spendUploadEdits, uniqueUploadName } from '../src/hooks/uniqueUploadName'
import { label } from '../src/lib/i18n'
import { mediaOnS3 } from '../src/lib/mediaStorage'
import { MEDIA_DIR } from '../src/lib/paths'
import { serveStoredFiles, withImmutableCaching } from '../src/lib/mediaFiles'

/** Largest accepted upload: 15 MB, above any phone camera's JPEG. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024

/** Fixed crops (thumbnail, card, social card) exist for every photo; the hero never enlarges a small one. */
const IMAGE_SIZES: ImageSize[] = [
  {
    name: 'thumbnail',
    width: 300,
    height: 300,
    withoutEnlargement: false,
    formatOptions: { format: 'webp', options: { quality: 80 } },
  },
  {
    name: 'card',
    width: 768,
    height: 512,
    withoutEnlargement: false,
    formatOptions: { format: 'webp', options: { quality: 80 } },
  },
  { name: 'hero', width: 1920, withoutEnlargement: true, formatOptions: { format: 'webp', options: { quality: 82 } } },
  {
    name: 'social',
    width: 1200,
    height: 630,
    withoutEnlargement: false,
    formatOptions: { format: 'jpeg', options: { quality: 85 } },
  },
]

/** Where a file is (the S3 adapter's folder fields, stored on the local disk too): every URL is made with them. */
const FILE_LOCATION = ['prefix', '_objectKey']

/** The URLs a read returns are made from file names, and the admin's thumbnail from the thumbnail size's. */
const URL_SOURCES = {
  url: ['filename', ...FILE_LOCATION],
  thumbnailURL: ['sizes.thumbnail.filename', ...FILE_LOCATION],
  ...Object.fromEntries(
    IMAGE_SIZES.map(({ name }) => [`sizes.${name}.url`, [`sizes.${name}.filename`, ...FILE_LOCATION]]),
  ),
}
const readUrlSources = readWhatFieldsNeed(URL_SOURCES)

/** Photos of stores, devices and repairs, resized for the frontends. */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: label('画像', 'Image'), plural: label('画像', 'Media') },
  admin: { group: label('コンテンツ', 'Content'), defaultColumns: ['filename', 'alt', 'updatedAt'] },
  // Anyone signed in uploads photos for their posts; the shared library is curated by HQ.
  access: { read: anyone, create: authenticated, update: isHqOrAdmin, delete: isHqOrAdmin },
  // Every upload stores files under a name of its own, so no two documents ever share (or delete) a file.
  // A trimmed select still gets usable URLs (src/hooks/readWhatFieldsNeed.ts), and every URL is absolute.
  hooks: {
    beforeOperation: [uniqueUploadName, readUrlSources.beforeOperation],
    beforeChange: [spendUploadEdits],
    afterChange: [rerenderBodiesOnPictureChange],
    afterRead: [absoluteFileUrls],
    afterOperation: [readUrlSources.afterOperation],
  },
  upload: {
    staticDir: MEDIA_DIR,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
    focalPoint: true,
    // Passing every original through sharp (auto-rotated, at most 2560 px) stores it without EXIF: customer
    // device photos must not leak GPS positions or camera serials. Sizes are stripped the same way.
    resizeOptions: { width: 2560, height: 2560, fit: 'inside', withoutEnlargement: true },
    adminThumbnail: 'thumbnail',
    // Files are answered with long-lived caching, validators and byte ranges, after Payload's read check: from the
    // local disk by our handler; from S3 (src/lib/mediaStorage.ts) by the adapter's, which sends the object's ETag,
    // 304 and ranges and gets the caching here.
    handlers: mediaOnS3 ? [] : [serveStoredFiles(MEDIA_DIR)],
    modifyResponseHeaders: mediaOnS3 ? withImmutableCaching : undefined,
    imageSizes: IMAGE_SIZES,
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      label: label('代替テキスト', 'Alt text'),
      required: true,
      maxLength: 200,
      admin: {
        description: label(
          '画像の内容を短く説明してください（読み上げ・検索用）。',
          'Describe the picture briefly, for screen readers and search.',
        ),
      },
    },
  ],
}
