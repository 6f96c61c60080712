import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let admin: { id: number | string; token: string; password: string }
let storeId: string

const passphrase = () => `${randomBytes(12).toString('base64url')}-quiet-harbour-lantern`

beforeAll(async () => {
  server = await startServer()
  const store = await server.payload.create({
    collection: 'stores',
    data: {
      name: 'スマホスピタル佐賀駅前店',
      slug: 'saga',
      status: 'open',
      postalCode: '840-0801',
      prefecture: 'saga',
      city: '佐賀市',
      addressLine: '駅前中央1-1-1',
      phone: '0952-00-0000',
    },
    overrideAccess: true,
  })
  storeId = String(store.id)
  const user = await createUser(server.payload, 'admin', { stores: [storeId] })
  admin = { id: user.id, password: user.password, token: await server.login(user.email, user.password) }
})
afterAll(async () => {
  await server?.stop()
})

const createViaRest = (email: string, password: string) =>
  server.request('/api/users', {
    method: 'POST',
    token: admin.token,
    json: { email, password, name: '佐賀 花子', role: 'staff', stores: [storeId] },
    headers: { 'Accept-Language': 'en' },
  })

const refusedPasswords = (email: string) => [
  ['11 characters', 'Xq7#mPz2!kL'],
  ['129 characters', `${randomBytes(96).toString('base64url')}`.padEnd(129, 'x').slice(0, 129)],
  ['a common password', 'password1234'],
  ["the user's e-mail local part", `${email.split('@')[0]}-2024-secure`],
  ['the chain name', 'smahospital-repair-counter'],
  ['the chain name in Japanese', 'スマホスピタルの修理カウンター'],
]

describe('the password policy', { timeout: 90_000 }, () => {
  it.each(refusedPasswords('policy.rest.user@example.com'))(
    'refuses %s on create over REST with a 400 naming password',
    async (_case, password) => {
      const response = await createViaRest('policy.rest.user@example.com', password)
      expect(response.status).toBe(400)
      const errors = (await response.json()).errors[0].data.errors
      expect(errors[0].path).toBe('password')
      expect(errors[0].message).toMatch(/password/i)
    },
  )

  it('accepts a long random passphrase, 128 characters whole (never truncated)', async () => {
    const created = await createViaRest('passphrase.user@example.com', passphrase())
    expect(created.status).toBe(201)
    const longest = randomBytes(96).toString('base64url')
    expect(longest).toHaveLength(128)
    expect((await createViaRest('longest.user@example.com', longest)).status).toBe(201)
    expect(
      (
        await server.request('/api/users/login', {
          method: 'POST',
          json: { email: 'longest.user@example.com', password: longest },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await server.request('/api/users/login', {
          method: 'POST',
          json: { email: 'longest.user@example.com', password: longest.slice(0, 72) },
        })
      ).status,
    ).toBe(401)
  })

  it('gives the reason in Japanese by default', async () => {
    const response = await server.request('/api/users', {
      method: 'POST',
      token: admin.token,
      json: { email: 'ja@example.com', password: 'short', name: 'x', role: 'staff', stores: [storeId] },
    })
    expect((await response.json()).errors[0].data.errors[0].message).toBe('パスワードは12文字以上にしてください。')
  })

  it('refuses a weak password on create over GraphQL and accepts a strong one', async () => {
    const create = (password: string) =>
      server.graphql('mutation ($data: mutationUserInput!) { createUser(data: $data) { id } }', {
        token: admin.token,
        variables: {
          data: {
            email: `gql-${randomBytes(3).toString('hex')}@example.com`,
            password,
            name: 'GraphQL user',
            role: 'staff',
            stores: [storeId],
          },
        },
      })
    const weak = await create('password1234')
    expect(weak.body.errors?.[0]?.extensions?.statusCode).toBe(400)
    expect(weak.body.data?.createUser ?? null).toBeNull()
    expect((await create(passphrase())).body.data?.createUser?.id).toBeTruthy()
  })

  it('applies on the reset-password flow', async () => {
    const user = await createUser(server.payload, 'staff', { stores: [storeId] })
    const token = await server.payload.forgotPassword({
      collection: 'users',
      data: { email: user.email },
      disableEmail: true,
    })
    const weak = await server.request('/api/users/reset-password', {
      method: 'POST',
      json: { token, password: 'password1234' },
    })
    expect(weak.status).toBe(400)
    expect((await weak.json()).errors[0].data.errors[0].path).toBe('password')
    const strong = passphrase()
    expect(
      (await server.request('/api/users/reset-password', { method: 'POST', json: { token, password: strong } })).status,
    ).toBe(200)
    await expect(server.login(user.email, strong)).resolves.toBeTruthy()
  })
})

describe('changing a password or e-mail address', { timeout: 90_000 }, () => {
  const signedInStaff = async () => {
    const user = await createUser(server.payload, 'staff', { stores: [storeId] })
    return { ...user, token: await server.login(user.email, user.password) }
  }
  const patch = (id: number | string, token: string, json: Record<string, unknown>) =>
    server.request(`/api/users/${id}`, { method: 'PATCH', token, json })

  it('needs the current password: refused 403 without it or with a wrong one, accepted with the right one', async () => {
    const staff = await signedInStaff()
    const next = passphrase()
    expect((await patch(staff.id, staff.token, { password: next })).status).toBe(403)
    expect(
      (await patch(staff.id, staff.token, { password: next, currentPassword: 'not-my-password-at-all' })).status,
    ).toBe(403)
    expect((await patch(staff.id, staff.token, { email: `moved-${staff.email}` })).status).toBe(403)
    expect(
      (await patch(staff.id, staff.token, { password: 'password1234', currentPassword: staff.password })).status,
    ).toBe(400)

    expect((await patch(staff.id, staff.token, { password: next, currentPassword: staff.password })).status).toBe(200)
    await expect(server.login(staff.email, next)).resolves.toBeTruthy()
    const moved = `moved-${staff.email}`
    expect((await patch(staff.id, staff.token, { email: moved, currentPassword: next })).status).toBe(200)
    await expect(server.login(moved, next)).resolves.toBeTruthy()
  })

  it('lets other fields change without it, and the same e-mail sent back by the admin form', async () => {
    const staff = await signedInStaff()
    expect((await patch(staff.id, staff.token, { name: '新しい名前', email: staff.email.toUpperCase() })).status).toBe(
      200,
    )
  })

  it('needs it over GraphQL too: refused without it, accepted with the right one', async () => {
    const staff = await signedInStaff()
    const change = (data: string) =>
      server.graphql(`mutation { updateUser(id: ${JSON.stringify(staff.id)}, data: { ${data} }) { id } }`, {
        token: staff.token,
      })
    const next = passphrase()
    const without = await change(`password: ${JSON.stringify(next)}`)
    expect(without.body.errors?.[0]?.extensions?.statusCode, JSON.stringify(without.body)).toBe(403)
    const withIt = await change(`password: ${JSON.stringify(next)}, currentPassword: ${JSON.stringify(staff.password)}`)
    expect(withIt.body.data?.updateUser?.id, JSON.stringify(withIt.body)).toBe(staff.id)
    await expect(server.login(staff.email, next)).resolves.toBeTruthy()
  })

  it('never stores or answers the current password', async () => {
    const staff = await signedInStaff()
    const response = await patch(staff.id, staff.token, { password: passphrase(), currentPassword: staff.password })
    expect(response.status).toBe(200)
    expect(await response.text()).not.toContain(staff.password)
    const stored = await server.payload.db.findOne({ collection: 'users', where: { id: { equals: staff.id } } })
    expect(JSON.stringify(stored)).not.toContain(staff.password)
  })

  it("lets an admin reset another user's password without knowing it, but not their own", async () => {
    const staff = await signedInStaff()
    const next = passphrase()
    expect((await patch(staff.id, admin.token, { password: next })).status).toBe(200)
    await expect(server.login(staff.email, next)).resolves.toBeTruthy()
    expect((await patch(admin.id, admin.token, { password: passphrase() })).status).toBe(403)
  })
})
