import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let accounts: Record<'disabled' | 'locked' | 'wrongPassword', { email: string; password: string }>

beforeAll(async () => {
  server = await startServer()
  const [active, disabled, locked] = await Promise.all([1, 2, 3].map(() => createUser(server.payload, 'staff')))
  await server.payload.update({ collection: 'users', id: disabled!.id, data: { disabled: true }, overrideAccess: true })
  await server.payload.db.updateOne({
    collection: 'users',
    id: locked!.id,
    data: { lockUntil: new Date(Date.now() + 600_000).toISOString(), loginAttempts: 5 },
  })
  accounts = {
    wrongPassword: { email: active!.email, password: 'not-the-password-of-this-account' },
    disabled: { email: disabled!.email, password: disabled!.password },
    locked: { email: locked!.email, password: locked!.password },
  }
})
afterAll(async () => {
  await server?.stop()
})

const cases = () => ({ unknown: { email: 'nobody-here@example.com', password: 'whatever-password-123' }, ...accounts })

describe('no account enumeration', { timeout: 90_000 }, () => {
  it.each([
    ['ja', 'メールアドレスまたはパスワードが正しくありません。'],
    ['en', 'The email or password provided is incorrect.'],
  ])(
    'answers unknown, wrong-password, locked and disabled sign-ins alike over REST (%s)',
    async (language, message) => {
      const answers = []
      for (const [name, credentials] of Object.entries(cases())) {
        const startedAt = performance.now()
        const response = await server.request('/api/users/login', {
          method: 'POST',
          json: credentials,
          headers: { 'Accept-Language': language },
        })
        answers.push({
          name,
          status: response.status,
          body: await response.json(),
          ms: Math.round(performance.now() - startedAt),
        })
      }
      console.log(
        `sign-in refusals (${language}): ${answers.map(({ name, status, ms }) => `${name} ${status} in ${ms} ms`).join(', ')}`,
      )
      for (const answer of answers)
        expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: { errors: [{ message }] } })
      // An unknown or locked account spends a password check too; it no longer answers in a fraction of the time.
      const wrongPasswordMs = answers.find(({ name }) => name === 'wrongPassword')!.ms
      for (const name of ['unknown', 'locked'])
        expect(answers.find((answer) => answer.name === name)!.ms).toBeGreaterThan(wrongPasswordMs * 0.4)
    },
  )

  it('answers them alike over GraphQL', async () => {
    const errors = []
    for (const credentials of Object.values(cases())) {
      const { body } = await server.graphql(
        'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
        { variables: credentials },
      )
      expect(body.data?.loginUser ?? null).toBeNull()
      errors.push({ message: body.errors?.[0]?.message, extensions: body.errors?.[0]?.extensions })
    }
    expect(new Set(errors.map((error) => JSON.stringify(error))).size).toBe(1)
    expect(errors[0]).toEqual({
      message: 'メールアドレスまたはパスワードが正しくありません。',
      extensions: { name: 'AuthenticationError', statusCode: 401 },
    })
  })

  it('answers forgot-password alike for known and unknown addresses', async () => {
    const known = await server.request('/api/users/forgot-password', {
      method: 'POST',
      json: { email: accounts.wrongPassword.email },
    })
    const unknown = await server.request('/api/users/forgot-password', {
      method: 'POST',
      json: { email: 'nobody-here@example.com' },
    })
    expect(unknown.status).toBe(known.status)
    expect(await unknown.json()).toEqual(await known.json())
  })
})
