import type { AddressInfo } from 'node:net'

import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { LoginThrottleOptions } from '../../src/server/loginThrottle'

import { createApp } from '../../src/server/app'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
const extraServers: { close: () => void }[] = []

/** Another app on the same Payload with budgets of its own, so each scenario starts with fresh counters. */
const appWith = async (loginThrottle: Partial<LoginThrottleOptions>) => {
  const app = createApp({ payload: server.payload, config: Promise.resolve(server.payload.config), readiness: { shuttingDown: false }, production: false, apiRateLimitPerMinute: 0, loginThrottle })
  const listening = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => listening.once('listening', resolve))
  extraServers.push({ close: () => { listening.closeAllConnections(); listening.close() } })
  const baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  const post = (path: string, json: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) })
  return { post, login: (email: string, password: string, path = '/api/users/login') => post(path, { email, password }) }
}

const PRODUCTION_LIKE = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 10, maxAttemptsPerAddress: 50, windowSeconds: 900, blockSeconds: 900 }

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  for (const extra of extraServers) extra.close()
  await server?.stop()
})

describe('sign-in throttling', { timeout: 90_000 }, () => {
  it('stops credential stuffing of 100 accounts from one address long before the list ends, and takes no account', async () => {
    const api = await appWith(PRODUCTION_LIKE)
    const real = await Promise.all([1, 2, 3].map(() => createUser(server.payload, 'staff')))
    // A leaked list: mostly unknown addresses, the three real ones with stale passwords, and one real pair late on.
    const list = Array.from({ length: 100 }, (_, index) => ({ email: `victim-${index}@example.com`, password: randomBytes(9).toString('base64url') }))
    real.forEach((user, index) => (list[index * 3 + 1] = { email: user.email, password: 'stale-password-from-another-site' }))
    list[60] = { email: real[0]!.email, password: real[0]!.password }

    let firstRefusal = 0
    let accountsTaken = 0
    let retryAfter: null | string = null
    for (const [index, { email, password }] of list.entries()) {
      const response = await api.login(email, password)
      if ((await response.json()).token) accountsTaken += 1
      if (response.status === 429 && !firstRefusal) {
        firstRefusal = index + 1
        retryAfter = response.headers.get('retry-after')
      }
    }
    console.log(`credential stuffing: first 429 at attempt ${firstRefusal} of ${list.length}; accounts taken: ${accountsTaken}; Retry-After ${retryAfter} s`)
    expect(firstRefusal).toBe(PRODUCTION_LIKE.maxFailuresPerAddress + 1)
    expect(accountsTaken).toBe(0)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // 89 refused requests, one audit entry: the address was throttled, with the first account it tried then.
    const { docs } = await server.payload.find({ collection: 'audit-log', where: { event: { equals: 'throttled' } }, overrideAccess: true })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ ip: '127.0.0.1', subject: list[firstRefusal - 1]!.email, details: { route: 'login' } })
  }, 180_000) // every refused sign-in spends a 600,000-round PBKDF2 check, as it must

  it('locks one account against 100 parallel wrong passwords without a single success, then refuses even the right one', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAddress: 1000, maxAttemptsPerAddress: 1000 })
    const victim = await createUser(server.payload, 'hq')
    const guesses = Array.from({ length: 100 }, (_, index) => (index === 99 ? victim.password : `guess-${index}-${randomBytes(6).toString('hex')}`))
    const statuses = await Promise.all(guesses.map(async (password) => (await api.login(victim.email, password)).status))
    const counts = statuses.reduce<Record<number, number>>((tally, status) => ({ ...tally, [status]: (tally[status] ?? 0) + 1 }), {})
    console.log(`100 parallel sign-ins on one account: ${JSON.stringify(counts)}`)
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true)
    expect(counts[401]).toBeLessThanOrEqual(PRODUCTION_LIKE.maxFailuresPerAccount)

    const rightPassword = await api.login(victim.email, victim.password)
    expect(rightPassword.status).toBe(429)
    expect(Number(rightPassword.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await rightPassword.json()).errors[0].message).toBeTruthy()
  })

  it('counts every path variant of the login route against the same account budget', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAccount: 3, maxFailuresPerAddress: 1000, maxAttemptsPerAddress: 1000 })
    const email = ' Variant.Target@Example.com '
    const variants = ['/api/users/login/', '/API/Users/Login', '/api/users/login?depth=0', '/api//users//login', '/api/users/%6Cogin', '/api/users/x/../login', '/api/users/login']
    const statuses = []
    for (const path of variants) statuses.push((await api.login(email, 'wrong-password-guess', path)).status)
    expect(statuses.filter((status) => status !== 429)).toHaveLength(3)
    expect(statuses.slice(3).every((status) => status === 429)).toBe(true)
    // The same account under another spelling, over GraphQL, is already over budget.
    const graphql = await api.post('/api/graphql', { query: 'mutation { loginUser(email: "variant.target@example.com", password: "x") { token } }' })
    expect(graphql.status).toBe(429)
  })

  it('counts each aliased and batched GraphQL login, forgot-password and reset field', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAccount: 3 })
    const aliases = Array.from({ length: 4 }, (_, index) => `a${index}: loginUser(email: $email, password: "guess-${index}") { token }`).join('\n')
    const aliased = await api.post('/api/graphql', { query: `mutation ($email: String!) { ${aliases} }`, variables: { email: 'alias.target@example.com' } })
    expect(aliased.status).toBe(429)
    expect(Number(aliased.headers.get('retry-after'))).toBeGreaterThan(0)

    const otherApi = await appWith(PRODUCTION_LIKE)
    const accounts = Array.from({ length: 12 }, (_, index) => `f${index}: forgotPasswordUser(email: "batch-${index}@example.com")`)
    const batch = [{ query: `mutation { ${accounts.slice(0, 6).join(' ')} }` }, { query: `mutation { ${accounts.slice(6).join(' ')} }` }]
    expect((await otherApi.post('/api/graphql', batch)).status).toBe(429)
    const resets = Array.from({ length: 11 }, (_, index) => `r${index}: resetPasswordUser(token: "t${index}", password: "p") { token }`).join(' ')
    expect((await otherApi.post('/api/graphql', { query: `mutation { ${resets} }` })).status).toBe(429)
  })

  it('throttles forgot-password and reset-password over REST, known and unknown addresses alike', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAddress: 4 })
    const known = await createUser(server.payload, 'staff')
    const statuses = []
    for (const email of [known.email, 'nobody@example.com', known.email, 'nobody@example.com']) {
      statuses.push((await api.post('/api/users/forgot-password/', { email })).status)
    }
    expect(statuses).toEqual([200, 200, 200, 200])
    const refused = await api.post('/api/users/reset-password', { token: 'guessed', password: 'a-long-enough-new-passphrase' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('gives the budget back on success, so a user who signs in correctly is not locked out by their own sessions', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAccount: 2 })
    const user = await createUser(server.payload, 'staff')
    for (let round = 0; round < 4; round += 1) {
      expect((await api.login(user.email, 'wrong-password-once')).status).toBe(401)
      expect((await api.login(user.email, user.password)).status).toBe(200)
    }
  })
})
