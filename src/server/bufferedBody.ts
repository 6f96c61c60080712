import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

import { createHeaders, createRequest } from '@remix-run/node-fetch-server'

const bufferedBodies = new WeakMap<ExpressRequest, Buffer>()

/** Auth requests are small; anything larger is refused before it is held in memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024

/** Thrown when a body is larger than MAX_BUFFERED_BYTES; answered 413. */
export class BodyTooLargeError extends Error {}

const readAll = (req: ExpressRequest): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BUFFERED_BYTES) chunks.push(chunk)
      else {
        req.off('data', onData)
        req.resume()
        reject(new BodyTooLargeError(`Request body larger than ${MAX_BUFFERED_BYTES} bytes`))
      }
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })

/**
 * Reads the whole body of a request into memory, once, so that middleware can look at it and Payload still
 * receives the same bytes (see fetchRequestOf). Used for the few auth routes only.
 */
export const bufferBody = async (req: ExpressRequest): Promise<Buffer> => {
  const known = bufferedBodies.get(req)
  if (known) return known
  const body = await readAll(req)
  bufferedBodies.set(req, body)
  return body
}

/**
 * The fetch Request Payload's handlers take. A buffered body is handed over as it was read; otherwise the
 * request streams straight from the socket. (createRequest would attach to the already-read stream and abort.)
 */
export const fetchRequestOf = (req: ExpressRequest, res: ExpressResponse): Request => {
  const body = bufferedBodies.get(req)
  if (!body) return createRequest(req, res)
  const protocol = 'encrypted' in req.socket && req.socket.encrypted ? 'https:' : 'http:'
  return new Request(`${protocol}//${req.headers.host ?? 'localhost'}${req.originalUrl}`, {
    method: req.method,
    headers: createHeaders(req),
    body: new Uint8Array(body),
  })
}
