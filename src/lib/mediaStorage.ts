import { s3Storage } from '@payloadcms/storage-s3'

import { type Environment, environment, isHttpUrl } from './env'

/** Where media go when S3_BUCKET is set; see the README's environment table. */
export type S3Settings = {
  bucket: string
  /** An S3-compatible store (MinIO, R2, Wasabi, ...); AWS itself when unset. */
  endpoint?: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** `https://host/bucket/key` instead of `https://bucket.host/key`: what MinIO and most self-hosted stores need. */
  forcePathStyle: boolean
  /** A folder inside the bucket that holds every media object, or '' for the bucket's root. */
  prefix: string
}

/** What keeps the S3 settings from working; the server refuses to start while anything is listed. */
export const s3Problems = (env: Environment = environment()): string[] => {
  if (!env.S3_BUCKET) return []
  const problems: string[] = []
  if (!env.S3_REGION)
    problems.push('S3_REGION is not set (the bucket’s region; us-east-1 for most S3-compatible stores, auto for R2).')
  if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set (the key that may read, write and delete in S3_BUCKET).',
    )
  if (env.S3_ENDPOINT && !isHttpUrl(env.S3_ENDPOINT))
    problems.push(`S3_ENDPOINT "${env.S3_ENDPOINT}" is not an http:// or https:// URL.`)
  if (env.S3_FORCE_PATH_STYLE && !['true', 'false'].includes(env.S3_FORCE_PATH_STYLE))
    problems.push('S3_FORCE_PATH_STYLE must be true or false.')
  return problems
}

/** The S3 settings of the environment, or none (media on the local disk); a misconfiguration stops the start. */
export const s3Settings = (env: Environment = environment()): S3Settings | undefined => {
  const bucket = env.S3_BUCKET
  if (!bucket) return undefined
  const problems = s3Problems(env)
  if (problems.length > 0)
    throw new Error(`S3 media storage is misconfigured:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
  return {
    bucket,
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    prefix: env.S3_PREFIX.replace(/^\/+|\/+$/g, ''),
  }
}

/**
 * Whether media files live in an S3 bucket (S3_BUCKET set) rather than in MEDIA_DIR, read once: the collection's
 * file handlers and the plugin must agree on where the files are.
 */
export const mediaOnS3 = Boolean(environment().S3_BUCKET)

/**
 * Payload's official S3 adapter for the media collection, active when S3_BUCKET is set. Files still pass through
 * the server (no client uploads): sharp strips every original and size of its metadata before the adapter stores it,
 * and reads still go through Payload's read check (the adapter's handler streams the object; no public bucket URL).
 *
 * The adapter's fields (`prefix`, `_objectKey`) are in the schema on the local disk too, so one set of migrations
 * serves both. Composite prefixes keep S3_PREFIX out of the stored documents and the schema's defaults: a document's
 * object is `S3_PREFIX/<file name>`, and its URL stays `/api/media/file/<file name>` as on the local disk.
 */
export const mediaStorage = () => {
  const settings = s3Settings()
  return s3Storage({
    enabled: mediaOnS3,
    alwaysInsertFields: true,
    useCompositePrefixes: true,
    bucket: settings?.bucket ?? '',
    collections: { media: { prefix: settings?.prefix ?? '' } },
    config: settings
      ? {
          endpoint: settings.endpoint,
          region: settings.region,
          forcePathStyle: settings.forcePathStyle,
          credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        }
      : {},
  })
}
