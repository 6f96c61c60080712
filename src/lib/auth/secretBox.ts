import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const ALGORITHM = 'aes-256-gcm'
const IV_BYTES = 12
const VERSION = 'v1'

/** A key for one purpose, derived from the application secret, so a leaked database alone reveals nothing. */
const keyFor = (applicationSecret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', applicationSecret, Buffer.alloc(0), `cms:${purpose}`, 32))

/**
 * Encrypts a short secret (a TOTP seed) for storage with AES-256-GCM from Node's crypto: `v1.<iv>.<tag>.<data>`,
 * base64url. GCM authenticates, so a value altered in the database fails to open instead of opening wrong.
 */
export const sealSecret = (plaintext: string, applicationSecret: string, purpose: string): string => {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, keyFor(applicationSecret, purpose), iv)
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/** The plaintext of sealSecret's output; throws when the value was altered or sealed under another secret. */
export const openSecret = (sealed: string, applicationSecret: string, purpose: string): string => {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed secret')
  const decipher = createDecipheriv(ALGORITHM, keyFor(applicationSecret, purpose), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}
