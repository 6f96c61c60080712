import { createHmac } from 'node:crypto'

/**
 * The `X-Webhook-Signature` of an event: HMAC-SHA256 with the shared secret over the timestamp, a dot and the raw
 * body, so a receiver that checks it also knows the timestamp is the sender's and can refuse old or replayed events.
 */
export const signature = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
