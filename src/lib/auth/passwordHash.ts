import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const pbkdf2Async = promisify(pbkdf2)

/*
 * Payload's stored password format (payload/dist/auth/strategies/local/generatePasswordSaltHash.js): current hashes
 * are "pbkdf2-sha256-v1:<hex>" with 600,000 iterations and 32 bytes; older ones are plain hex with 25,000 and 512.
 * Payload exports no way to check a password without signing in (which would open a session and count a failure).
 */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

/** Whether a password matches a stored Payload hash and salt. */
export const passwordMatches = async (
  password: string,
  stored: { hash?: unknown; salt?: unknown },
): Promise<boolean> => {
  if (typeof stored.hash !== 'string' || typeof stored.salt !== 'string') return false
  const current = stored.hash.startsWith(CURRENT_PREFIX)
  const { iterations, keyLength } = current ? CURRENT : LEGACY
  const expected = Buffer.from(current ? stored.hash.slice(CURRENT_PREFIX.length) : stored.hash, 'hex')
  const actual = await pbkdf2Async(password, stored.salt, iterations, keyLength, 'sha256')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

const DUMMY_SALT = randomBytes(32).toString('hex')

/** Spends what checking a current Payload hash costs, so refusing an unknown account takes as long as a wrong password. */
export const spendPasswordCheckTime = async (password: string): Promise<void> => {
  await pbkdf2Async(password, DUMMY_SALT, CURRENT.iterations, CURRENT.keyLength, 'sha256')
}
