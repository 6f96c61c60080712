import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'

/** What a backup archive says about itself: read first on restore, and everything in it is checked against it. */
export type Manifest = {
  format: typeof MANIFEST_FORMAT
  /** When the database snapshot was taken (ISO 8601, UTC): the moment the archive's content stands for. */
  createdAt: string
  payloadVersion: string
  /** Every migration the snapshot records as applied, oldest first, and the last of them. */
  migrations: { applied: string[]; last: string | null }
  /** Rows of every collection's table in the snapshot (versions, arrays and relations not counted). */
  collections: Record<string, number>
  /** Whether the media folder is in the archive (not when media live in an S3 bucket). */
  mediaIncluded: boolean
  /** Media documents of the snapshot whose file could not be found when the backup ran. */
  missingMedia: { id: string; filename: string }[]
  /** Every file of the archive but this manifest, with its size in bytes and SHA-256 (hex). */
  entries: ManifestEntry[]
}

export type ManifestEntry = { path: string; size: number; sha256: string }

export const MANIFEST_FORMAT = 'repair-chain-cms-backup/1'

/** The archive's layout: the manifest, the database snapshot, the media files and the generated session key. */
export const ARCHIVE_PATHS = {
  manifest: 'manifest.json',
  database: 'database/cms.db',
  mediaDirectory: 'media',
  secret: 'secret/payload-secret',
} as const

/** SHA-256 (hex) and size of a file, read as a stream so large photos never sit in memory whole. */
export const digestFile = async (file: string): Promise<{ size: number; sha256: string }> => {
  const hash = createHash('sha256')
  let size = 0
  await pipeline(createReadStream(file), async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      size += chunk.length
      hash.update(chunk)
    }
  })
  return { size, sha256: hash.digest('hex') }
}

/** The manifest of an archive, or an error naming what is wrong with it. */
export const parseManifest = (text: string): Manifest => {
  let value: Partial<Manifest>
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`${ARCHIVE_PATHS.manifest} is not valid JSON: the archive is damaged`)
  }
  if (value?.format !== MANIFEST_FORMAT)
    throw new Error(
      `${ARCHIVE_PATHS.manifest} is not a manifest of this CMS's backups (format ${JSON.stringify(value?.format)})`,
    )
  const entries = Array.isArray(value.entries) ? value.entries : []
  const wellFormed = (entry: ManifestEntry) =>
    typeof entry?.path === 'string' && Number.isSafeInteger(entry.size) && /^[0-9a-f]{64}$/.test(entry.sha256)
  if (entries.length === 0 || !entries.every(wellFormed))
    throw new Error(`${ARCHIVE_PATHS.manifest} lists no entries or a malformed one`)
  if (!Array.isArray(value.migrations?.applied))
    throw new Error(`${ARCHIVE_PATHS.manifest} names no applied migrations`)
  return value as Manifest
}
