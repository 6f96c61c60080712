import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signInBudget } from '../../src/lib/auth/signInBudget'
import { memoryLimiters } from '../../src/lib/rateLimiterStore'
import { storeData } from '../helpers/fixtures'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'
import { totpCode } from '../helpers/totp'

let server: TestServer

beforeAll(async () => {
  // The production budget per account; every request here comes from 127.0.0.1, so the per-address budget is
  // tested on its own below.
  server = await startServer({
    loginThrottle: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 10_000, maxAttemptsPerAddress: 10_000 },
  })
})
afterAll(async () => {
  await server?.stop()
})

/** Signs in over REST only: the token of a new session that has not passed any second factor. */
const passwordOnly = async (email: string, password: string): Promise<string> => {
  const response = await server.request('/api/users/login', { method: 'POST', json: { email, password } })
  expect(response.status).toBe(200)
  return (await response.json()).token
}

const post = (path: string, token: string, json: unknown = {}) => server.request(path, { method: 'POST', token, json })

/** An HQ user at a fresh store, signed in with the password only. */
const hqUser = async () => {
  const store = await server.payload.create({
    collection: 'stores',
    data: storeData(`s-${randomBytes(4).toString('hex')}`),
    overrideAccess: true,
  })
  const user = await createUser(server.payload, 'hq', { stores: [store.id] })
  return { ...user, storeId: store.id, token: await passwordOnly(user.email, user.password) }
}

const enrol = async (token: string) => {
  const enrolment = await (await post('/api/users/second-factor/enrol', token)).json()
  const code = totpCode(enrolment.secret)
  const confirmed = await post('/api/users/second-factor/confirm', token, { code })
  expect(confirmed.status).toBe(200)
  return { secret: enrolment.secret as string, code, recoveryCodes: (await confirmed.json()).recoveryCodes as string[] }
}

const campaign = (storeId: string) => ({
  title: '二段階テスト',
  kind: 'trade_in',
  startsAt: '2026-12-01T00:00:00.000+09:00',
  endsAt: '2026-12-31T00:00:00.000+09:00',
  targetStores: [storeId],
})
const canCreateCampaign = async (token: string, storeId: string) =>
  (await post('/api/campaigns', token, campaign(storeId))).status

describe('second factor for admin and HQ', { timeout: 60_000 }, () => {
  it('lets an HQ session that has not enrolled do nothing but enrol, over REST, GraphQL and the admin', async () => {
    const hq = await hqUser()
    expect(await canCreateCampaign(hq.token, hq.storeId)).toBe(403)
    expect((await server.request('/api/stores', { token: hq.token })).status).toBe(403)
    expect((await (await server.request('/api/audit-log', { token: hq.token })).json()).docs ?? []).toEqual([])
    const users = await (await server.request('/api/users', { token: hq.token })).json()
    expect(users.docs.map((user: { id: string }) => user.id)).toEqual([hq.id])
    const graphql = await server.graphql(
      'mutation ($data: mutationCampaignInput!) { createCampaign(data: $data) { id } }',
      { token: hq.token, variables: { data: campaign(hq.storeId) } },
    )
    expect(graphql.body.errors?.[0]?.extensions?.statusCode ?? graphql.body.errors?.[0]?.message).toBeTruthy()
    expect(graphql.body.data?.createCampaign ?? null).toBeNull()
    // Payload leaves a refused permission out of the answer.
    const access = await (await server.request('/api/access', { token: hq.token })).json()
    expect(access.canAccessAdmin ?? false).toBe(false)
    // Payload's own collections and endpoints too.
    expect((await server.request('/api/payload-locked-documents', { token: hq.token })).status).toBe(403)
    expect(
      (
        await post('/api/payload-locked-documents', hq.token, {
          document: { relationTo: 'stores', value: hq.storeId },
          globalSlug: null,
        })
      ).status,
    ).toBe(403)
    expect((await server.request('/api/payload-jobs/run', { token: hq.token })).status).toBe(403)
    expect((await server.request('/api/payload-preferences/nav', { token: hq.token })).status).toBe(403)
    // Someone with the password alone cannot sign the owner out everywhere.
    expect((await post('/api/users/sessions/end-others', hq.token)).status).toBe(403)
    expect(await (await server.request('/api/users/second-factor', { token: hq.token })).json()).toMatchObject({
      status: 'enrol',
      enabled: false,
    })
  })

  it('enrols with a QR code for authenticator apps, gives ten recovery codes, and then lets the session act', async () => {
    const hq = await hqUser()
    const response = await post('/api/users/second-factor/enrol', hq.token)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const enrolment = await response.json()
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/)
    expect(enrolment.otpauthUri).toContain(encodeURIComponent(hq.email))
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/)

    const wrong = await post('/api/users/second-factor/confirm', hq.token, {
      code: totpCode(enrolment.secret, Date.now() - 10 * 60_000),
    })
    expect(wrong.status).toBe(401)
    expect(await canCreateCampaign(hq.token, hq.storeId)).toBe(403)

    const confirmed = await post('/api/users/second-factor/confirm', hq.token, { code: totpCode(enrolment.secret) })
    expect(confirmed.status).toBe(200)
    const { recoveryCodes } = await confirmed.json()
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect(await canCreateCampaign(hq.token, hq.storeId)).toBe(201)
    expect((await (await server.request('/api/access', { token: hq.token })).json()).canAccessAdmin).toBe(true)
  })

  it('asks every new session for a code, accepts each code once, and never skips it', async () => {
    const hq = await hqUser()
    const { secret, code: usedAtEnrolment } = await enrol(hq.token)

    const second = await passwordOnly(hq.email, hq.password)
    expect(await canCreateCampaign(second, hq.storeId)).toBe(403)
    const replay = await post('/api/users/second-factor/verify', second, { code: usedAtEnrolment })
    expect(replay.status).toBe(401)
    expect((await replay.json()).errors[0].data.errors[0].path).toBe('code')

    const nextCode = totpCode(secret, Date.now() + 30_000)
    expect((await post('/api/users/second-factor/verify', second, { code: nextCode })).status).toBe(200)
    expect(await canCreateCampaign(second, hq.storeId)).toBe(201)

    const third = await passwordOnly(hq.email, hq.password)
    expect((await post('/api/users/second-factor/verify', third, { code: nextCode })).status).toBe(401)
    expect(await canCreateCampaign(third, hq.storeId)).toBe(403)
    // A password alone cannot put another authenticator on the account.
    expect((await post('/api/users/second-factor/enrol', third)).status).toBe(409)
    expect((await post('/api/users/second-factor/confirm', third, { code: totpCode(secret) })).status).toBe(409)
  })

  it('refuses a second-factor check without a code as 400 naming the field', async () => {
    const hq = await hqUser()
    await enrol(hq.token)
    const second = await passwordOnly(hq.email, hq.password)
    const response = await post('/api/users/second-factor/verify', second, {})
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].data.errors[0].path).toBe('code')
  })

  it('signs in once with each recovery code and tells the account holder', async () => {
    const hq = await hqUser()
    const { recoveryCodes } = await enrol(hq.token)
    const session = await passwordOnly(hq.email, hq.password)
    const used = await post('/api/users/second-factor/verify', session, {
      recoveryCode: recoveryCodes[0]!.toLowerCase(),
    })
    expect(used.status).toBe(200)
    expect((await used.json()).recoveryCodesLeft).toBe(9)
    const again = await passwordOnly(hq.email, hq.password)
    expect((await post('/api/users/second-factor/verify', again, { recoveryCode: recoveryCodes[0] })).status).toBe(401)
    expect(
      server
        .outbox()
        .some((mail) => mail.to.includes(hq.email) && mail.subject.includes('リカバリーコードでログインしました')),
    ).toBe(true)
  })

  it('makes a GraphQL sign-in pass the second factor too', async () => {
    const hq = await hqUser()
    await enrol(hq.token)
    const login = await server.graphql<{ loginUser: { token: string } }>(
      'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
      { variables: { email: hq.email, password: hq.password } },
    )
    const token = login.body.data!.loginUser.token
    const created = await server.graphql(
      'mutation ($data: mutationCampaignInput!) { createCampaign(data: $data) { id } }',
      { token, variables: { data: campaign(hq.storeId) } },
    )
    expect(created.body.data?.createCampaign ?? null).toBeNull()
    expect(created.body.errors?.length).toBeGreaterThan(0)
  })

  it('cannot be skipped by resetting the password', async () => {
    const hq = await hqUser()
    await enrol(hq.token)
    const before = server.outbox().length
    expect(
      (await server.request('/api/users/forgot-password', { method: 'POST', json: { email: hq.email } })).status,
    ).toBe(200)
    const mail = server
      .outbox()
      .slice(before)
      .find((sent) => sent.to.includes(hq.email))!
    const token = /\/admin\/reset\/([0-9a-f]+)/.exec(mail.html ?? '')![1]
    const reset = await server.request('/api/users/reset-password', {
      method: 'POST',
      json: { token, password: `${hq.password}-renewed-after-reset` },
    })
    expect(reset.status).toBe(200)
    const sessionAfterReset = (await reset.json()).token
    expect(await (await server.request('/api/users/second-factor', { token: sessionAfterReset })).json()).toMatchObject(
      { status: 'verify' },
    )
    expect(await canCreateCampaign(sessionAfterReset, hq.storeId)).toBe(403)
  })

  it('throttles code guessing per account with 429 and Retry-After, and audits it', async () => {
    const hq = await hqUser()
    const { secret } = await enrol(hq.token)
    const session = await passwordOnly(hq.email, hq.password)
    const statuses: number[] = []
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push(
        (await post('/api/users/second-factor/verify', session, { code: attempt % 2 ? '000000' : '999999' })).status,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    const right = await post('/api/users/second-factor/verify', session, {
      code: totpCode(secret, Date.now() + 30_000),
    })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    const { docs } = await server.payload.find({
      collection: 'audit-log',
      where: { subject: { equals: `users/${hq.id}` } },
      overrideAccess: true,
      limit: 50,
    })
    expect(docs.filter((entry) => entry.event === 'sign_in_failure')).toHaveLength(5)
    expect(docs.some((entry) => entry.event === 'throttled')).toBe(true)
    expect(docs.some((entry) => entry.event === 'second_factor_change')).toBe(true)
  })

  it('refuses writing the second-factor state through the account API, even from a verified session', async () => {
    const hq = await hqUser()
    const { recoveryCodes } = await enrol(hq.token)
    const before = (await server.payload.findByID({
      collection: 'users',
      id: hq.id,
      overrideAccess: true,
      showHiddenFields: true,
    })) as unknown as { secondFactor: unknown; secondFactorEnabled: boolean }
    await server.request(`/api/users/${hq.id}`, {
      method: 'PATCH',
      token: hq.token,
      json: {
        secondFactor: { secret: null, recoveryCodes: ['planted'] },
        secondFactorEnabled: false,
        secondFactorSessions: [],
      },
    })
    const after = (await server.payload.findByID({
      collection: 'users',
      id: hq.id,
      overrideAccess: true,
      showHiddenFields: true,
    })) as unknown as typeof before
    expect(after.secondFactor).toEqual(before.secondFactor)
    expect(after.secondFactorEnabled).toBe(true)
    const session = await passwordOnly(hq.email, hq.password)
    expect((await post('/api/users/second-factor/verify', session, { recoveryCode: recoveryCodes[1] })).status).toBe(
      200,
    )
  })

  it('never shows the secret or the recovery codes in any response, nor one account’s sessions to another', async () => {
    const hq = await hqUser()
    const { secret, recoveryCodes } = await enrol(hq.token)
    const login = await (
      await server.request('/api/users/login', { method: 'POST', json: { email: hq.email, password: hq.password } })
    ).text()
    const me = await (await server.request('/api/users/me', { token: hq.token })).text()
    const byId = await (await server.request(`/api/users/${hq.id}`, { token: hq.token })).text()
    const graphql = JSON.stringify(
      (
        await server.graphql(`{ User(id: "${hq.id}") { secondFactorEnabled secondFactorSessions } }`, {
          token: hq.token,
        })
      ).body,
    )
    for (const text of [login, me, byId, graphql]) {
      expect(text).not.toContain(secret)
      expect(text).not.toMatch(/"(secret|pendingSecret|recoveryCodes|lastUsedCounter)"\s*:/)
      for (const code of recoveryCodes) expect(text).not.toContain(code)
    }
    const admin = await createUser(server.payload, 'admin')
    const asAdmin = await (
      await server.request(`/api/users/${hq.id}`, { token: await server.login(admin.email, admin.password) })
    ).json()
    expect(asAdmin.email).toBe(hq.email)
    expect(asAdmin.secondFactorSessions).toBeUndefined()
    expect(asAdmin.sessions ?? []).toEqual([])
    const stored = (await server.payload.findByID({
      collection: 'users',
      id: hq.id,
      overrideAccess: true,
      showHiddenFields: true,
    })) as unknown as { secondFactor: { secret: string; recoveryCodes: string[] } }
    expect(stored.secondFactor.secret).not.toContain(secret)
    expect(stored.secondFactor.recoveryCodes).not.toContain(recoveryCodes[0])
  })

  it('replaces the recovery codes only with a current app code, and the old ones stop working', async () => {
    const hq = await hqUser()
    const { secret, recoveryCodes: old } = await enrol(hq.token)
    expect((await post('/api/users/second-factor/recovery-codes', hq.token, {})).status).toBe(400)
    expect((await post('/api/users/second-factor/recovery-codes', hq.token, { code: '123456' })).status).toBe(401)
    const replaced = await post('/api/users/second-factor/recovery-codes', hq.token, {
      code: totpCode(secret, Date.now() + 30_000),
    })
    expect(replaced.status).toBe(200)
    const { recoveryCodes } = await replaced.json()
    expect(recoveryCodes).toHaveLength(10)
    const session = await passwordOnly(hq.email, hq.password)
    expect((await post('/api/users/second-factor/verify', session, { recoveryCode: old[0] })).status).toBe(401)
    expect((await post('/api/users/second-factor/verify', session, { recoveryCode: recoveryCodes[0] })).status).toBe(
      200,
    )
  })

  it('leaves staff without a second factor alone, and lets only an admin remove one, ending its sessions', async () => {
    const staff = await createUser(server.payload, 'staff')
    const staffToken = await passwordOnly(staff.email, staff.password)
    expect(await (await server.request('/api/users/second-factor', { token: staffToken })).json()).toMatchObject({
      status: 'not-required',
    })

    const hq = await hqUser()
    await enrol(hq.token)
    expect((await post(`/api/users/${hq.id}/second-factor/remove`, staffToken)).status).toBe(403)
    expect((await post(`/api/users/${hq.id}/second-factor/remove`, hq.token)).status).toBe(403)

    const admin = await createUser(server.payload, 'admin')
    const adminToken = await server.login(admin.email, admin.password)
    expect((await post(`/api/users/${hq.id}/second-factor/remove`, adminToken)).status).toBe(200)
    expect((await (await server.request('/api/users/me', { token: hq.token })).json()).user).toBeNull()
    const fresh = await passwordOnly(hq.email, hq.password)
    expect(await (await server.request('/api/users/second-factor', { token: fresh })).json()).toMatchObject({
      status: 'enrol',
      enabled: false,
    })
    expect(
      server
        .outbox()
        .some(
          (mail) => mail.to.includes(hq.email) && mail.subject.includes('二段階認証が管理者によって解除されました'),
        ),
    ).toBe(true)
  })
})

describe('second-factor throttle per client address', () => {
  it('blocks an address that spreads wrong codes over many accounts after the address budget', async () => {
    const budget = signInBudget({
      maxFailuresPerAccount: 5,
      maxFailuresPerAddress: 10,
      maxAttemptsPerAddress: 50,
      windowSeconds: 900,
      blockSeconds: 900,
      limiters: memoryLimiters,
    })
    const waits: (number | null)[] = []
    for (let account = 0; account < 12; account += 1)
      waits.push(
        await budget.charge('second-factor', { account: `account-${account}@example.com`, address: '203.0.113.7' }),
      )
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(null))
    expect(waits[10]).toBeGreaterThan(0)
    expect(
      await budget.charge('second-factor', { account: 'account-new@example.com', address: '198.51.100.1' }),
    ).toBeNull()
    // The same address is refused a sign-in too: one budget for every check of a secret.
    expect(
      await budget.charge('login', { account: 'someone-else@example.com', address: '203.0.113.7' }),
    ).toBeGreaterThan(0)
  })

  it('keeps wrong codes counted when the right password signs in again', async () => {
    const budget = signInBudget({
      maxFailuresPerAccount: 3,
      maxFailuresPerAddress: 100,
      maxAttemptsPerAddress: 100,
      windowSeconds: 900,
      blockSeconds: 900,
      limiters: memoryLimiters,
    })
    const party = { account: 'hq@example.com', address: '203.0.113.8' }
    for (let guess = 0; guess < 3; guess += 1) {
      expect(await budget.charge('second-factor', party)).toBeNull()
      expect(await budget.charge('login', party)).toBeNull()
      await budget.succeeded('login', party)
    }
    expect(await budget.charge('second-factor', party)).toBeGreaterThan(0)
  })
})
