import type { CollectionConfig, PayloadRequest } from 'payload'

import fresh from 'fresh'
import { lookup } from 'mime-types'
import { createReadStream, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import parseRange from 'range-parser'

type FileHandler = NonNullable<
  NonNullable<Exclude<CollectionConfig['upload'], boolean | undefined>>['handlers']
>[number]

/**
 * Stored files are never rewritten under their name: every upload, and every edit that makes new files from the
 * stored original (a crop, a new focal point), gets a name of its own (src/hooks/uniqueUploadName.ts). A URL then
 * always names the same bytes, and browsers and CDNs may keep them a year without asking again.
 */
const CACHE_CONTROL = 'public, max-age=31536000, immutable'

/**
 * The same caching for files another handler answers (S3's, which sends the object's ETag, 304 to its If-None-Match
 * and byte ranges, but no Cache-Control): Payload's `modifyResponseHeaders`, applied to its 200, 206 and 304.
 */
export const withImmutableCaching = ({ headers }: { headers: Headers }): Headers => {
  headers.set('Cache-Control', CACHE_CONTROL)
  return headers
}

/** A strong validator of the file's bytes: its size and modification time (what `etag` derives from a stat). */
const entityTagOf = (stats: Stats): string => `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`

/** If-Range: the range applies only while the validator it names still holds (else the whole file is sent). */
const rangeStillApplies = (ifRange: string | null, entityTag: string, lastModified: string): boolean => {
  if (!ifRange) return true
  return ifRange.startsWith('"') || ifRange.startsWith('W/')
    ? ifRange === entityTag
    : Date.parse(ifRange) >= Date.parse(lastModified)
}

/**
 * The request's validators alone: `fresh` also answers "not fresh" to `Cache-Control: no-cache`, which fetch() adds
 * to every conditional request, whereas the origin evaluates the condition whatever the client's cache policy.
 */
const conditionsOf = (headers: Headers) => ({
  'if-none-match': headers.get('if-none-match') ?? undefined,
  'if-modified-since': headers.get('if-modified-since') ?? undefined,
})

/**
 * Payload's file handler for a publicly readable upload collection on the local disk (media), run after Payload's
 * own read check of the file (so whoever may not read the document gets no file). Payload 3.90 already answers Range (206, 416) but sends no
 * validator nor caching: this answers every GET with Cache-Control, a strong ETag and Last-Modified, 304 to
 * If-None-Match / If-Modified-Since, one byte range (206, or 416 with the size when none of it exists; several
 * ranges or a malformed header get the whole file, as `send` does) with If-Range, and 404 for a name with no file.
 */
export const serveStoredFiles = (staticDir: string): FileHandler => {
  const root = path.resolve(staticDir)
  return async (req: PayloadRequest, { params: { filename } }) => {
    const file = path.resolve(root, filename)
    if (!file.startsWith(root + path.sep)) return Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 })
    let stats: Stats
    try {
      stats = await stat(file)
      if (!stats.isFile()) throw new Error('not a file')
    } catch {
      return Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 })
    }

    const entityTag = entityTagOf(stats)
    const lastModified = stats.mtime.toUTCString()
    const headers = new Headers({
      'Accept-Ranges': 'bytes',
      'Cache-Control': CACHE_CONTROL,
      'Content-Type': lookup(file) || 'application/octet-stream',
      ETag: entityTag,
      'Last-Modified': lastModified,
    })
    if (fresh(conditionsOf(req.headers), { etag: entityTag, 'last-modified': lastModified })) {
      headers.delete('Content-Type')
      return new Response(null, { status: 304, headers })
    }

    const rangeHeader = req.headers.get('range')
    const ranges =
      rangeHeader && rangeStillApplies(req.headers.get('if-range'), entityTag, lastModified)
        ? parseRange(stats.size, rangeHeader, { combine: true })
        : -2
    if (ranges === -1) {
      // No caching: the refusal is about this request's range, not about the file.
      return Response.json(
        { errors: [{ message: 'Range Not Satisfiable' }] },
        { status: 416, headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${stats.size}` } },
      )
    }
    const range = ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1 ? ranges[0]! : undefined
    const body =
      req.method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(file, range && { start: range.start, end: range.end })) as ReadableStream)
    if (!range) {
      headers.set('Content-Length', String(stats.size))
      return new Response(body, { status: 200, headers })
    }
    headers.set('Content-Length', String(range.end - range.start + 1))
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${stats.size}`)
    return new Response(body, { status: 206, headers })
  }
}
