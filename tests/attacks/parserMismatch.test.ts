import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { createUser } from '../helpers/payload'
import { serverBehindProxy } from '../helpers/behindProxy'

/*
 * Two parsers that disagree: the sign-in throttle used to read request bytes itself, and skipped a body that Payload
 * reads but it could not (a UTF-8 byte-order mark, an e-mail address given as a GraphQL variable's default). Each
 * case sends such a body from a client the budget has already refused, with the right secret: it must be refused too.
 */

// Small budgets; the client address comes from X-Forwarded-For, so each case starts from a fresh address of its own.
const BUDGETS = {
  maxFailuresPerAccount: 3,
  maxFailuresPerAddress: 5,
  maxAttemptsPerAddress: 1000,
  windowSeconds: 900,
  blockSeconds: 900,
}

const { server, freshAddress } = serverBehindProxy({ loginThrottle: BUDGETS }, '203.0.113')

const BOM = '\uFEFF'
const LOGIN =
  'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }'

/** A POST from `address` with exactly this body text. */
const post = (address: string, path: string, body: string, contentType = 'application/json') =>
  fetch(`${server().baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'X-Forwarded-For': address },
    body,
  })

const restLogin = (address: string, email: string, password: string, prefix = '') =>
  post(address, '/api/users/login', prefix + JSON.stringify({ email, password }))

/** A throttled answer: HTTP 429, or (GraphQL, where one request may hold several fields) a field error of status 429. */
const answeredTooMany = async (response: Response) => {
  const body = await response.json()
  const throttled =
    response.status === 429 ||
    (body.errors ?? []).some((error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode === 429)
  return { throttled, body }
}

/** Spends the address's failure budget on unknown accounts, and checks that an ordinary sign-in is now refused. */
const blockAddress = async (address: string) => {
  for (let attempt = 0; attempt < BUDGETS.maxFailuresPerAddress; attempt += 1) {
    expect(
      (await restLogin(address, `nobody-${randomBytes(4).toString('hex')}@example.com`, 'wrong-password-guess')).status,
    ).toBe(401)
  }
  expect((await restLogin(address, 'one-more@example.com', 'wrong-password-guess')).status).toBe(429)
}

/** Spends an account's failure budget from one address, and checks that the right password is now refused. */
const blockAccount = async (email: string, password: string) => {
  const address = freshAddress()
  for (let attempt = 0; attempt < BUDGETS.maxFailuresPerAccount; attempt += 1) {
    expect((await restLogin(address, email, 'wrong-password-guess')).status).toBe(401)
  }
  expect((await restLogin(freshAddress(), email, password)).status).toBe(429)
}

describe('bodies Payload reads and the old throttle could not', { timeout: 120_000 }, () => {
  it('refuses a GraphQL sign-in behind a byte-order mark from a blocked address, even with the right password', async () => {
    const victim = await createUser(server().payload, 'staff')
    const address = freshAddress()
    await blockAddress(address)
    const response = await post(
      address,
      '/api/graphql',
      BOM + JSON.stringify({ query: LOGIN, variables: { email: victim.email, password: victim.password } }),
    )
    const { throttled, body } = await answeredTooMany(response)
    expect(body.data?.loginUser?.token).toBeFalsy()
    expect(throttled, JSON.stringify(body)).toBe(true)
  })

  it('refuses a REST sign-in behind a byte-order mark on an account over its budget, from any address', async () => {
    const victim = await createUser(server().payload, 'staff')
    await blockAccount(victim.email, victim.password)
    const response = await restLogin(freshAddress(), victim.email, victim.password, BOM)
    const { throttled, body } = await answeredTooMany(response)
    expect(body.token).toBeFalsy()
    expect(throttled, JSON.stringify(body)).toBe(true)
  })

  it('refuses a GraphQL sign-in that names the account in a variable default on an account over its budget', async () => {
    const victim = await createUser(server().payload, 'staff')
    await blockAccount(victim.email, victim.password)
    const query = `mutation ($email: String = ${JSON.stringify(victim.email)}) { loginUser(email: $email, password: ${JSON.stringify(victim.password)}) { token } }`
    const response = await post(freshAddress(), '/api/graphql', JSON.stringify({ query }))
    const { throttled, body } = await answeredTooMany(response)
    expect(body.data?.loginUser?.token).toBeFalsy()
    expect(throttled, JSON.stringify(body)).toBe(true)
  })

  it('mails no reset link and tries no reset token behind a byte-order mark from a blocked address', async () => {
    const victim = await createUser(server().payload, 'staff')
    const token = await server().payload.forgotPassword({
      collection: 'users',
      data: { email: victim.email },
      disableEmail: true,
    })
    const address = freshAddress()
    await blockAddress(address)
    const mailsBefore = server().outbox().length

    const forgot = await post(
      address,
      '/api/graphql',
      BOM + JSON.stringify({ query: `mutation { forgotPasswordUser(email: ${JSON.stringify(victim.email)}) }` }),
    )
    expect(
      server()
        .outbox()
        .slice(mailsBefore)
        .filter((mail) => mail.to.includes(victim.email)),
    ).toEqual([])
    expect((await answeredTooMany(forgot)).throttled).toBe(true)

    const newPassword = `${randomBytes(12).toString('base64url')}-quiet-harbour-lantern`
    const reset = await post(
      address,
      '/api/graphql',
      BOM +
        JSON.stringify({
          query: `mutation { resetPasswordUser(token: ${JSON.stringify(token)}, password: ${JSON.stringify(newPassword)}) { token } }`,
        }),
    )
    const { throttled, body } = await answeredTooMany(reset)
    expect(body.data?.resetPasswordUser?.token).toBeFalsy()
    expect(throttled, JSON.stringify(body)).toBe(true)
    expect((await restLogin(freshAddress(), victim.email, newPassword)).status).toBe(401)
  })
})
