import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SignInBudgets, setSignInBudgets } from '../../src/lib/auth/signInBudget'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer

/** The server with these budgets and fresh counters, so each scenario starts from nothing. */
const appWith = async (budgets: Partial<SignInBudgets>) => {
  setSignInBudgets(budgets)
  const post = (path: string, json: unknown) =>
    fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
    })
  return {
    post,
    login: (email: string, password: string, path = '/api/users/login') => post(path, { email, password }),
  }
}

/** The status of each GraphQL field error, in order (one request may hold several refused fields). */
const fieldStatuses = async (response: Response): Promise<number[]> =>
  ((await response.json()).errors ?? []).map(
    (error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode,
  )

const PRODUCTION_LIKE = {
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 10,
  maxAttemptsPerAddress: 50,
  windowSeconds: 900,
  blockSeconds: 900,
}

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

describe('sign-in throttling', { timeout: 90_000 }, () => {
  it('stops credential stuffing of 100 accounts from one address long before the list ends, and takes no account', async () => {
    const api = await appWith(PRODUCTION_LIKE)
    const real = await Promise.all([1, 2, 3].map(() => createUser(server.payload, 'staff')))
    // A leaked list: mostly unknown addresses, the three real ones with stale passwords, and one real pair late on.
    const list = Array.from({ length: 100 }, (_, index) => ({
      email: `victim-${index}@example.com`,
      password: randomBytes(9).toString('base64url'),
    }))
    real.forEach(
      (user, index) => (list[index * 3 + 1] = { email: user.email, password: 'stale-password-from-another-site' }),
    )
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
    console.log(
      `credential stuffing: first 429 at attempt ${firstRefusal} of ${list.length}; accounts taken: ${accountsTaken}; Retry-After ${retryAfter} s`,
    )
    expect(firstRefusal).toBe(PRODUCTION_LIKE.maxFailuresPerAddress + 1)
    expect(accountsTaken).toBe(0)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // 89 refused requests, one audit entry: the address was throttled, with the first account it tried then.
    const { docs } = await server.payload.find({
      collection: 'audit-log',
      where: { event: { equals: 'throttled' } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      ip: '127.0.0.1',
      subject: list[firstRefusal - 1]!.email,
      details: { route: 'login' },
    })
  }, 180_000) // every refused sign-in spends a 600,000-round PBKDF2 check, as it must

  it('locks one account against 100 parallel wrong passwords without a single success, then refuses even the right one', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAddress: 1000, maxAttemptsPerAddress: 1000 })
    const victim = await createUser(server.payload, 'hq')
    const guesses = Array.from({ length: 100 }, (_, index) =>
      index === 99 ? victim.password : `guess-${index}-${randomBytes(6).toString('hex')}`,
    )
    const statuses = await Promise.all(
      guesses.map(async (password) => (await api.login(victim.email, password)).status),
    )
    const counts = statuses.reduce<Record<number, number>>(
      (tally, status) => ({ ...tally, [status]: (tally[status] ?? 0) + 1 }),
      {},
    )
    console.log(`100 parallel sign-ins on one account: ${JSON.stringify(counts)}`)
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true)
    expect(counts[401]).toBeLessThanOrEqual(PRODUCTION_LIKE.maxFailuresPerAccount)

    const rightPassword = await api.login(victim.email, victim.password)
    expect(rightPassword.status).toBe(429)
    expect(Number(rightPassword.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await rightPassword.json()).errors[0].message).toBeTruthy()
  })

  it('counts every path variant of the login route that runs a login against the same account budget', async () => {
    const api = await appWith({
      ...PRODUCTION_LIKE,
      maxFailuresPerAccount: 3,
      maxFailuresPerAddress: 1000,
      maxAttemptsPerAddress: 1000,
    })
    const email = ' Variant.Target@Example.com '
    const variants = [
      '/api/users/login/',
      '/API/Users/Login',
      '/api/users/login?depth=0',
      '/api//users//login',
      '/api/users/%6Cogin',
      '/api/users/x/../login',
      '/api/users/login',
    ]
    const statuses = []
    for (const path of variants) statuses.push((await api.login(email, 'wrong-password-guess', path)).status)
    // Payload answers some spellings 404 without running a login; every one it runs is counted, however spelt.
    expect(statuses.every((status) => [401, 404, 429].includes(status))).toBe(true)
    const ran = statuses.filter((status) => status !== 404)
    expect(ran.slice(0, 3)).toEqual([401, 401, 401])
    expect(ran.slice(3).length).toBeGreaterThan(0)
    expect(ran.slice(3).every((status) => status === 429)).toBe(true)
    // The same account under another spelling, over GraphQL, is already over budget.
    const graphql = await api.post('/api/graphql', {
      query: 'mutation { loginUser(email: "variant.target@example.com", password: "x") { token } }',
    })
    expect(await fieldStatuses(graphql)).toEqual([429])
    expect(Number(graphql.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('counts each aliased GraphQL login, forgot-password and reset field', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAccount: 3 })
    const aliases = Array.from(
      { length: 4 },
      (_, index) => `a${index}: loginUser(email: $email, password: "guess-${index}") { token }`,
    ).join('\n')
    const aliased = await api.post('/api/graphql', {
      query: `mutation ($email: String!) { ${aliases} }`,
      variables: { email: 'alias.target@example.com' },
    })
    expect(Number(aliased.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await fieldStatuses(aliased)).toEqual([401, 401, 401, 429])

    const otherApi = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAddress: 8 })
    const forgot = Array.from(
      { length: 10 },
      (_, index) => `f${index}: forgotPasswordUser(email: "many-${index}@example.com")`,
    ).join(' ')
    // Eight answered, the ninth refused; GraphQL runs no mutation field after a refused non-null one (Boolean!).
    expect(await fieldStatuses(await otherApi.post('/api/graphql', { query: `mutation { ${forgot} }` }))).toEqual([429])
    const resets = Array.from(
      { length: 3 },
      (_, index) => `r${index}: resetPasswordUser(token: "t${index}", password: "p") { token }`,
    ).join(' ')
    expect(await fieldStatuses(await otherApi.post('/api/graphql', { query: `mutation { ${resets} }` }))).toEqual([
      429, 429, 429,
    ])
  })

  it('throttles forgot-password and reset-password over REST, known and unknown addresses alike', async () => {
    const api = await appWith({ ...PRODUCTION_LIKE, maxFailuresPerAddress: 4 })
    const known = await createUser(server.payload, 'staff')
    const statuses = []
    for (const email of [known.email, 'nobody@example.com', known.email, 'nobody@example.com']) {
      statuses.push((await api.post('/api/users/forgot-password/', { email })).status)
    }
    expect(statuses).toEqual([200, 200, 200, 200])
    const refused = await api.post('/api/users/reset-password', {
      token: 'guessed',
      password: 'a-long-enough-new-passphrase',
    })
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
