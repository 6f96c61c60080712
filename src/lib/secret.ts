import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { environment } from './env'
import { DATA_DIR } from './paths'
import { createPrivateDirectory } from './privateFiles'

export const MIN_SECRET_LENGTH = 32

/** Where the generated key is kept when PAYLOAD_SECRET is not set (backups carry it: see payloadSecret). */
export const GENERATED_SECRET_FILE = path.join(DATA_DIR, '.payload-secret')

/**
 * The key Payload signs sessions with. Set PAYLOAD_SECRET in production. On the embedded default a newcomer
 * has none, so one is generated once and kept beside the database (data/.payload-secret, owner-only),
 * which keeps sessions valid across restarts without any password living in the code.
 */
export const payloadSecret = (): string => {
  const fromEnv = environment().PAYLOAD_SECRET
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH)
      throw new Error(`PAYLOAD_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`)
    return fromEnv
  }
  // A deployment never gets here: it refuses to start without PAYLOAD_SECRET (deployment.ts).
  const file = GENERATED_SECRET_FILE
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  createPrivateDirectory(DATA_DIR)
  const secret = randomBytes(48).toString('base64url')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
