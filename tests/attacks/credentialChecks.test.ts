import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { createUser } from '../helpers/payload'
import { serverBehindProxy } from '../helpers/behindProxy'

/*
 * Credential checks before access: `currentPassword` on an e-mail or password change was checked before Payload
 * asked whether the caller may update the account at all, outside every sign-in budget. A stranger could test an
 * admin's password (the admin's id is public as a post's author), many guesses per GraphQL request. (Ten aliases
 * here: the GraphQL limits allow ten root fields per operation; on the original main dozens went through.)
 */

// Small budgets; the client address comes from X-Forwarded-For, so each case starts from a fresh address of its own.
const BUDGETS = {
  maxFailuresPerAccount: 3,
  maxFailuresPerAddress: 100,
  maxAttemptsPerAddress: 1000,
  windowSeconds: 900,
  blockSeconds: 900,
}

const { server, freshAddress } = serverBehindProxy({ loginThrottle: BUDGETS }, '198.51.100')

/** REST and GraphQL from one client address, signed in with `token` if given. */
const client = (address: string, token?: string) => {
  const headers = {
    'Content-Type': 'application/json',
    'X-Forwarded-For': address,
    ...(token ? { Authorization: `JWT ${token}` } : {}),
  }
  const rest = (path: string, method: string, json: unknown) =>
    fetch(`${server().baseUrl}${path}`, { method, headers, body: JSON.stringify(json) })
  const graphql = async (query: string) => {
    const response = await rest('/api/graphql', 'POST', { query })
    return { status: response.status, body: await response.json() }
  }
  return { rest, graphql }
}

/** One GraphQL request holding `guesses.length` aliased e-mail changes, each with its own current-password guess. */
const aliasedEmailChanges = (id: number | string, newEmail: string, guesses: string[]) =>
  `mutation { ${guesses.map((guess, index) => `g${index}: updateUser(id: ${JSON.stringify(id)}, data: { email: ${JSON.stringify(newEmail)}, currentPassword: ${JSON.stringify(guess)} }) { id email }`).join('\n')} }`

const wrongGuesses = (count: number) =>
  Array.from({ length: count }, (_, index) => `guess-${index}-${randomBytes(4).toString('hex')}`)

const storedEmail = async (id: number | string) =>
  (await server().payload.findByID({ collection: 'users', id, overrideAccess: true })).email

describe('current-password checks', { timeout: 120_000 }, () => {
  it('answers an anonymous e-mail change over REST alike for the right and a wrong current password, and refuses both', async () => {
    const admin = await createUser(server().payload, 'admin')
    const { rest } = client(freshAddress())
    const change = (currentPassword: string) =>
      rest(`/api/users/${admin.id}`, 'PATCH', { email: 'attacker@evil.example', currentPassword })
    const [right, wrong] = [await change(admin.password), await change('not-the-admin-password')]
    const answers = [
      { status: right.status, body: await right.json() },
      { status: wrong.status, body: await wrong.json() },
    ]
    expect(answers[0]).toEqual(answers[1])
    expect(right.ok).toBe(false)
    expect(await storedEmail(admin.id)).toBe(admin.email)
  })

  it('answers every alias of an anonymous GraphQL e-mail change alike, the right password among them', async () => {
    const admin = await createUser(server().payload, 'admin')
    const guesses = [...wrongGuesses(9), admin.password]
    const { body } = await client(freshAddress()).graphql(
      aliasedEmailChanges(admin.id, 'attacker@evil.example', guesses),
    )
    expect(Object.values(body.data ?? {}).filter(Boolean)).toEqual([])
    expect(body.errors).toHaveLength(guesses.length)
    const answers = new Set(
      body.errors.map((error: { message: string; extensions: unknown }) =>
        JSON.stringify({ message: error.message, extensions: error.extensions }),
      ),
    )
    expect(answers.size).toBe(1)
    expect(await storedEmail(admin.id)).toBe(admin.email)
  })

  it('charges each aliased guess of a signed-in owner to the sign-in budget of the account', async () => {
    const owner = await createUser(server().payload, 'staff')
    const token = await server().login(owner.email, owner.password)
    const guesses = [...wrongGuesses(9), owner.password]
    const { body } = await client(freshAddress(), token).graphql(
      aliasedEmailChanges(owner.id, `moved-${owner.email}`, guesses),
    )
    expect(Object.values(body.data ?? {}).filter(Boolean)).toEqual([])
    const statuses = body.errors.map((error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode)
    expect(statuses).toEqual([
      ...Array(BUDGETS.maxFailuresPerAccount).fill(403),
      ...Array(guesses.length - BUDGETS.maxFailuresPerAccount).fill(429),
    ])
    expect(await storedEmail(owner.id)).toBe(owner.email)
    // The same budget as a sign-in: the account's right password no longer signs in either, from anywhere.
    expect(
      (await client(freshAddress()).rest('/api/users/login', 'POST', { email: owner.email, password: owner.password }))
        .status,
    ).toBe(429)
  })

  it('throttles a signed-in owner guessing the current password over REST like a sign-in, right password included, and audits it', async () => {
    const owner = await createUser(server().payload, 'staff')
    const token = await server().login(owner.email, owner.password)
    const address = freshAddress()
    const change = (currentPassword: string) =>
      client(address, token).rest(`/api/users/${owner.id}`, 'PATCH', { email: `moved-${owner.email}`, currentPassword })
    const statuses = []
    for (const guess of wrongGuesses(BUDGETS.maxFailuresPerAccount)) statuses.push((await change(guess)).status)
    expect(statuses).toEqual(Array(BUDGETS.maxFailuresPerAccount).fill(403))

    const right = await change(owner.password)
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await storedEmail(owner.id)).toBe(owner.email)
    expect(
      (await client(freshAddress()).rest('/api/users/login', 'POST', { email: owner.email, password: owner.password }))
        .status,
    ).toBe(429)

    const { docs } = await server().payload.find({
      collection: 'audit-log',
      where: { ip: { equals: address } },
      overrideAccess: true,
      pagination: false,
    })
    expect(docs.filter((entry) => entry.event === 'sign_in_failure')).toHaveLength(BUDGETS.maxFailuresPerAccount)
    expect(docs.filter((entry) => entry.event === 'throttled')).toHaveLength(1)
  })
})
