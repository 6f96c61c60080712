import type { PayloadRequest } from 'payload'
import type { RequestHandler } from 'express'

/**
 * The header through which our Express layer hands Payload the client address it worked out: the socket's peer,
 * or with TRUST_PROXY the address the trusted proxies forwarded. Express overwrites whatever a client sent in it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-client-address'

/** The client address of a request that came through Express; null for the Local API and anything else. */
export const clientAddress = (req: Pick<PayloadRequest, 'headers'>): string | null =>
  req.headers?.get(CLIENT_ADDRESS_HEADER) || null

/**
 * Express middleware: Payload's request carries headers but no socket, so hand it the client address Express worked
 * out (the peer, or with TRUST_PROXY the forwarded one), replacing whatever a client sent in that header itself.
 */
export const exposeClientAddress: RequestHandler = (req, _res, next) => {
  if (req.ip) req.headers[CLIENT_ADDRESS_HEADER] = req.ip
  else delete req.headers[CLIENT_ADDRESS_HEADER]
  next()
}
