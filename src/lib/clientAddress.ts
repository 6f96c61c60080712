import type { PayloadRequest } from 'payload'

/**
 * The header through which our Express layer hands Payload the client address it worked out: the socket's peer,
 * or with TRUST_PROXY the address the trusted proxies forwarded. Express overwrites whatever a client sent in it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-client-address'

/** The client address of a request that came through Express; null for the Local API and anything else. */
export const clientAddress = (req: Pick<PayloadRequest, 'headers'>): string | null => req.headers?.get(CLIENT_ADDRESS_HEADER) || null
