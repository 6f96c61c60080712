import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Instance, startInstance } from '../helpers/instance'
import { startRedis } from '../helpers/redis'

/**
 * Two API-only server processes, A and B, with REDIS_URL set, each on a data folder of its own: the counters beside
 * each database are not shared, so whatever budget the two share, they share through Redis. Both the /api budget and
 * the sign-in budget must be one across them. A proxy in front (TRUST_PROXY) forwards the client address, so each
 * case is a client of its own.
 */

const API_BUDGET = 12
const FAILURES_PER_ACCOUNT = 4
const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
const dataDirs = [
  mkdtempSync(path.join(tmpdir(), 'cms-redis-limits-a-')),
  mkdtempSync(path.join(tmpdir(), 'cms-redis-limits-b-')),
]
let redis: ChildProcess | undefined
let a: Instance
let b: Instance

beforeAll(async () => {
  const started = await startRedis()
  redis = started.process
  const env = {
    REDIS_URL: started.url,
    TRUST_PROXY: '1',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    API_RATE_LIMIT_PER_MINUTE: String(API_BUDGET),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(FAILURES_PER_ACCOUNT),
    LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '10000',
  }
  ;[a, b] = await Promise.all(dataDirs.map((dataDir) => startInstance({ dataDir, env })))
}, 240_000)

afterAll(async () => {
  const exits = await Promise.all([a?.stop(), b?.stop()])
  redis?.kill('SIGTERM')
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true })
  expect(exits).toEqual([0, 0])
})

let reads = 0
/** A read no instance has answered before: an answer from the response cache spends no budget. */
const freshRead = () => `/api/stores?limit=1&page=${(reads += 1)}`

const from = (address: string, instance: Instance, route: string, init: RequestInit = {}) =>
  fetch(`${instance.baseUrl}${route}`, { ...init, headers: { 'X-Forwarded-For': address, ...init.headers } })

const signIn = (address: string, instance: Instance, password: string) =>
  from(address, instance, '/api/users/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password }),
  })

describe('two instances sharing their limits through Redis (REDIS_URL)', { timeout: 60_000 }, () => {
  it('refuses on B a client that spent its /api budget on A, and counts IPv6 clients by their /56 on both', async () => {
    const client = '2001:db8:1234:5601::1'
    const remaining: number[] = []
    for (let index = 0; index < API_BUDGET - 1; index++) {
      const response = await from(client, a, freshRead())
      expect(response.status).toBe(200)
      remaining.push(Number(/r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1]))
    }
    // B continues A's count: its first answer to this client leaves nothing.
    const lastOnB = await from(client, b, freshRead())
    expect(lastOnB.status).toBe(200)
    expect(lastOnB.headers.get('ratelimit')).toMatch(/^"api";r=0;t=\d+$/)
    expect(remaining).toEqual(Array.from({ length: API_BUDGET - 1 }, (_, index) => API_BUDGET - 1 - index))

    // Another address of the same /56 network is the same client, on either instance.
    for (const instance of [a, b]) {
      const refused = await from('2001:db8:1234:56ff::2', instance, freshRead())
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(refused.headers.get('ratelimit-policy')).toBe(`"api";q=${API_BUDGET};w=60`)
      expect((await refused.json()).errors[0].message).toBe(
        'リクエストが多すぎます。しばらくしてから再度お試しください。',
      )
    }
    // The next /56 is someone else.
    expect((await from('2001:db8:1234:5700::1', b, freshRead())).status).toBe(200)
  })

  it('counts failed sign-ins on both instances against one budget per account', async () => {
    const failures = Array.from({ length: FAILURES_PER_ACCOUNT }, (_, index) =>
      signIn(`198.51.100.${index + 1}`, index % 2 === 0 ? a : b, `wrong-${index}`),
    )
    expect((await Promise.all(failures)).map((response) => response.status)).toEqual(
      Array(FAILURES_PER_ACCOUNT).fill(401),
    )
    // Two failures on A and two on B, from four addresses: the account is blocked on both, the right password included.
    for (const instance of [a, b]) {
      const refused = await signIn('198.51.100.100', instance, admin.password)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })
})
