import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'
import { environment } from '../lib/env'
import { languageOf } from '../lib/i18n'

export type BodyLimits = {
  /** Every /api body but uploads. */
  bodyBytes: number
  /** A multipart body to an upload collection: the file's own limit plus room for the form's other fields. */
  uploadBytes: number
  /** Collections that take files (multipart to /api/<slug> or /api/<slug>/<id>). */
  uploadCollections: readonly string[]
}

const TOO_LARGE = (limit: number) => ({
  ja: `リクエスト本文が大きすぎます（上限 ${limit} バイト）。`,
  en: `The request body is too large (at most ${limit} bytes).`,
})

/**
 * The limits of this CMS: API_BODY_LIMIT_BYTES for every body, and for uploads Payload's own file size limit
 * (`upload.limits.fileSize`, MAX_UPLOAD_BYTES in collections/Media.ts) plus that much again for the form around it.
 */
export const bodyLimitsOf = (config: SanitizedConfig): BodyLimits => {
  const bodyBytes = environment().API_BODY_LIMIT_BYTES
  const fileBytes = config.upload?.limits?.fileSize ?? 0
  return {
    bodyBytes,
    uploadBytes: fileBytes + bodyBytes,
    uploadCollections: config.collections
      .filter((collection) => collection.upload)
      .map((collection) => collection.slug),
  }
}

const limits = new WeakMap<ExpressRequest, number>()

const isUpload = (req: ExpressRequest, uploadCollections: readonly string[]): boolean => {
  if (!req.is('multipart/form-data')) return false
  const [slug, ...rest] = req.path.split('/').filter(Boolean)
  return uploadCollections.includes(slug) && rest.length <= 1
}

/**
 * Answers 413 now, whatever Payload is doing: the connection closes after the answer, so the client stops sending
 * and the server reads no more of it.
 */
const refuseTooLarge = (req: ExpressRequest, res: ExpressResponse, limit: number) => {
  if (res.headersSent) return
  const message = TOO_LARGE(limit)
  res.set('Connection', 'close')
  res
    .status(413)
    .json({ errors: [{ message: message[languageOf(req.acceptsLanguages('ja', 'en'))], extensions: { limit } }] })
}

/**
 * A size limit on every /api body, by route: uploads `uploadBytes`, everything else `bodyBytes`. A declared
 * Content-Length over the limit is refused with 413 before a byte is read; a body without one (chunked) is counted
 * as it streams into Payload (withinBodyLimit) and refused the moment it passes the limit.
 */
export const limitBodies =
  ({ bodyBytes, uploadBytes, uploadCollections }: BodyLimits): RequestHandler =>
  (req, res, next) => {
    const limit = isUpload(req, uploadCollections) ? uploadBytes : bodyBytes
    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > limit) return refuseTooLarge(req, res, limit)
    limits.set(req, limit)
    next()
  }

/**
 * The fetch Request Payload reads, its body counted on the way: past the request's limit the body fails (Payload
 * stops reading and acts on nothing) and the client is answered 413 at once. Requests that met no limit pass as
 * they are.
 */
export const withinBodyLimit = (req: ExpressRequest, res: ExpressResponse, request: Request): Request => {
  const limit = limits.get(req)
  if (limit === undefined || !request.body) return request
  let seen = 0
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen <= limit) return controller.enqueue(chunk)
        refuseTooLarge(req, res, limit)
        controller.error(new Error(`Request body larger than ${limit} bytes`))
      },
    }),
  )
  return new Request(request, { body: counted, duplex: 'half' } as RequestInit)
}
