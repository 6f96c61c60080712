import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { afterAll, describe, expect, it } from 'vitest'

import {
  limitersFromEnvironment,
  memoryLimiters,
  mongoLimiters,
  sqliteLimiters,
  sqliteLimitsFile,
} from '../../src/lib/rateLimiterStore'

/**
 * Where the sign-in and API counters live decides whether several instances share one budget: the database in use
 * unless REDIS_URL names Redis, memory only where no second instance can exist. Two instances on real processes are
 * tests/production/instances.test.ts; here each choice, and two clients of one SQLite file as two processes hold them.
 */

const folder = mkdtempSync(path.join(tmpdir(), 'cms-limiter-store-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const refused = (attempt: Promise<unknown>) =>
  attempt.then(
    () => false,
    (reason) => reason instanceof RateLimiterRes,
  )

describe('the store of the sign-in and API counters', () => {
  it('is a file beside the SQLite database, MongoDB on MongoDB, memory only for an in-memory database', () => {
    const database = path.join(folder, 'cms.db')
    expect(limitersFromEnvironment(undefined, 'file::memory:')).toBe(memoryLimiters)
    expect(limitersFromEnvironment(undefined, 'mongodb://mongo:27017/cms?replicaSet=rs0')).toBe(mongoLimiters)
    const fromFile = limitersFromEnvironment(undefined, `file:${database}`)
    expect(fromFile).not.toBe(memoryLimiters)
    expect(limitersFromEnvironment(undefined, `file:${database}`)).toBe(fromFile)
    expect(statSync(sqliteLimitsFile(database)).mode & 0o777).toBe(0o600)
  })

  it('counts the checks of two clients of one file against one budget, as two instances', async () => {
    const file = path.join(folder, 'shared-limits.db')
    const options = { keyPrefix: 'auth-fail-account', points: 4, duration: 60, blockDuration: 60 }
    const [onA, onB] = [sqliteLimiters(file)(options), sqliteLimiters(file)(options)]
    for (const limiter of [onA, onB, onA, onB])
      expect(await refused(limiter.consume('password:staff@example.com'))).toBe(false)
    expect(await refused(onA.consume('password:staff@example.com'))).toBe(true)
    expect(await refused(onB.consume('password:staff@example.com'))).toBe(true)
    expect(await refused(onB.consume('password:other@example.com'))).toBe(false)
  })
})
