import type { RequestHandler } from 'express'

import { CLIENT_ADDRESS_HEADER } from '../lib/clientAddress'

/**
 * Payload's request carries headers but no socket: hand it the client address Express worked out (the peer,
 * or with TRUST_PROXY the forwarded one), replacing whatever a client sent in that header itself.
 */
export const exposeClientAddress: RequestHandler = (req, _res, next) => {
  if (req.ip) req.headers[CLIENT_ADDRESS_HEADER] = req.ip
  else delete req.headers[CLIENT_ADDRESS_HEADER]
  next()
}
