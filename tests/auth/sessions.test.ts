import { spawnSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { allowedOrigins } from '../../src/lib/allowedOrigins'
import { deploymentProblems, isDeployment } from '../../src/lib/deployment'
import { parseEnvironment } from '../../src/lib/env'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { sessionCookies } from '../../src/lib/auth/sessionCookies'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

const loginResponse = async (email: string, password: string) =>
  server.request('/api/users/login', { method: 'POST', json: { email, password } })
const signedInAs = async (init: { token?: string; headers?: Record<string, string> }) =>
  (await (await server.request('/api/users/me', init)).json()).user?.email ?? null

describe('session cookies and CSRF', { timeout: 60_000 }, () => {
  it('set the session cookie HttpOnly and SameSite=Strict, and Secure when served over https', async () => {
    const user = await createUser(server.payload, 'staff')
    const cookie = (await loginResponse(user.email, user.password)).headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/payload-token=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).not.toMatch(/Secure/i)
    expect(sessionCookies('https://cms.example.jp')).toEqual({ secure: true, sameSite: 'Strict' })
    expect(sessionCookies('http://localhost:3000').secure).toBe(false)
  })

  it('honour a cookie only from an allowed origin', async () => {
    const user = await createUser(server.payload, 'staff')
    const { token } = await (await loginResponse(user.email, user.password)).json()
    const cookie = `payload-token=${token}`
    expect(await signedInAs({ headers: { Cookie: cookie, Origin: 'http://localhost:3000' } })).toBe(user.email)
    expect(await signedInAs({ headers: { Cookie: cookie, Origin: 'https://evil.example' } })).toBeNull()
    const write = await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
      json: { name: '乗っ取り' },
    })
    expect(write.status).toBe(403)
  })

  it('take their allow-list from SERVER_URL and CSRF_ALLOWED_ORIGINS', () => {
    expect(
      allowedOrigins(
        parseEnvironment({
          SERVER_URL: 'https://cms.example.jp/',
          CSRF_ALLOWED_ORIGINS: 'https://shop.example.jp, https://cms.example.jp',
        }),
      ),
    ).toEqual(['https://cms.example.jp', 'https://shop.example.jp'])
    expect(allowedOrigins(parseEnvironment({ PORT: '4000' }))).toEqual([
      'http://localhost:4000',
      'http://127.0.0.1:4000',
    ])
  })
})

describe('session lifetime', { timeout: 60_000 }, () => {
  afterEach(() => {
    delete process.env.SESSION_MAX_AGE_SECONDS
  })

  it('expires a token after the idle timeout of 30 minutes unless renewed', async () => {
    const user = await createUser(server.payload, 'staff')
    const { token } = await (await loginResponse(user.email, user.password)).json()
    const { iat, exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
    expect(exp - iat).toBe(30 * 60)
  })

  it('refuses a session past its absolute lifetime, and its renewal', async () => {
    const user = await createUser(server.payload, 'staff')
    const token = await server.login(user.email, user.password)
    const ownName = () =>
      server.request(`/api/users/${user.id}`, { method: 'PATCH', token, json: { name: '名前を変更' } })
    expect((await ownName()).status).toBe(200)
    process.env.SESSION_MAX_AGE_SECONDS = '1'
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect((await ownName()).status).toBe(403)
    expect((await server.request('/api/users/refresh-token', { method: 'POST', token })).status).toBe(401)
  })

  it('lets a user end every other session of the account', async () => {
    const user = await createUser(server.payload, 'staff')
    const [here, elsewhere, third] = [
      await server.login(user.email, user.password),
      await server.login(user.email, user.password),
      await server.login(user.email, user.password),
    ]
    const response = await server.request('/api/users/sessions/end-others', { method: 'POST', token: here })
    expect(await response.json()).toEqual({ ended: 2 })
    expect(await signedInAs({ token: here })).toBe(user.email)
    expect(await signedInAs({ token: elsewhere })).toBeNull()
    expect(await signedInAs({ token: third })).toBeNull()
    const { docs } = await server.payload.find({
      collection: 'audit-log',
      where: { event: { equals: 'sessions_ended' }, subject: { equals: `users/${user.id}` } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect((await server.request('/api/users/sessions/end-others', { method: 'POST' })).status).toBe(401)
  })
})

describe('session termination', { timeout: 60_000 }, () => {
  it('makes a token useless after sign-out, and refuses a token whose signature was altered', async () => {
    const user = await createUser(server.payload, 'staff')
    const token = await server.login(user.email, user.password)
    const [header, body] = token.split('.')
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString())
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${token.split('.')[2]}`
    expect(await signedInAs({ token: forged })).toBeNull()
    expect((await server.request('/api/users/logout', { method: 'POST', token })).status).toBe(200)
    expect(await signedInAs({ token })).toBeNull()
  })

  it('lets an admin end every session of a user, and ends them when the account is disabled', async () => {
    const admin = await createUser(server.payload, 'admin')
    const adminToken = await server.login(admin.email, admin.password)
    const staff = await createUser(server.payload, 'staff')
    const staffToken = await server.login(staff.email, staff.password)
    expect(
      (await server.request(`/api/users/${admin.id}/sessions/end`, { method: 'POST', token: staffToken })).status,
    ).toBe(403)
    const ended = await server.request(`/api/users/${staff.id}/sessions/end`, { method: 'POST', token: adminToken })
    expect(await ended.json()).toEqual({ ended: 1 })
    expect(await signedInAs({ token: staffToken })).toBeNull()

    const again = await server.login(staff.email, staff.password)
    expect(
      (await server.request(`/api/users/${staff.id}`, { method: 'PATCH', token: adminToken, json: { disabled: true } }))
        .status,
    ).toBe(200)
    const stored = await server.payload.findByID({ collection: 'users', id: staff.id, overrideAccess: true })
    expect(stored.sessions ?? []).toEqual([])
    expect(await signedInAs({ token: again })).toBeNull()
  })

  it('ends the sessions of every account whose e-mail address one GraphQL request changes, not only the first', async () => {
    const admin = await createUser(server.payload, 'admin')
    const adminToken = await server.login(admin.email, admin.password)
    const [first, second] = [await createUser(server.payload, 'staff'), await createUser(server.payload, 'staff')]
    const [firstToken, secondToken] = [
      await server.login(first.email, first.password),
      await server.login(second.email, second.password),
    ]
    const { body } = await server.graphql(
      'mutation ($first: String!, $second: String!) { a: updateUser(id: $first, data: { email: "moved.first@example.com" }) { id } b: updateUser(id: $second, data: { email: "moved.second@example.com" }) { id } }',
      { token: adminToken, variables: { first: String(first.id), second: String(second.id) } },
    )
    expect(body.errors).toBeUndefined()
    expect(await signedInAs({ token: firstToken })).toBeNull()
    expect(await signedInAs({ token: secondToken })).toBeNull()
  })
})

describe('sign-ins racing with account changes', { timeout: 60_000 }, () => {
  it('keeps a change made while a sign-in of the same account is hashing its password', async () => {
    const user = await createUser(server.payload, 'staff')
    const signingIn = server.request('/api/users/login', {
      method: 'POST',
      json: { email: user.email, password: user.password },
    })
    // Payload reads the account, then spends ~300 ms hashing the password before it writes the new session.
    await new Promise((resolve) => setTimeout(resolve, 60))
    await server.payload.update({
      collection: 'users',
      id: user.id,
      data: { disabled: true, name: '変更後の名前' },
      overrideAccess: true,
    })
    await signingIn
    const stored = await server.payload.findByID({ collection: 'users', id: user.id, overrideAccess: true })
    expect(stored).toMatchObject({ disabled: true, name: '変更後の名前' })
  })
})

describe('Payload jobs over the API', { timeout: 60_000 }, () => {
  it('run only for an admin', async () => {
    const staff = await createUser(server.payload, 'staff')
    // Payload answers a refused run 401.
    expect(
      (await server.request('/api/payload-jobs/run', { token: await server.login(staff.email, staff.password) }))
        .status,
    ).toBe(401)
    const admin = await createUser(server.payload, 'admin')
    expect(
      (await server.request('/api/payload-jobs/run', { token: await server.login(admin.email, admin.password) }))
        .status,
    ).toBe(200)
  })
})

describe('a deployment', () => {
  it('is NODE_ENV=production without LOCAL_DEFAULTS=true', () => {
    expect(isDeployment(parseEnvironment({ NODE_ENV: 'production' }))).toBe(true)
    expect(isDeployment(parseEnvironment({ NODE_ENV: 'production', LOCAL_DEFAULTS: 'true' }))).toBe(false)
    expect(isDeployment(parseEnvironment({ NODE_ENV: 'development' }))).toBe(false)
  })

  it('names every missing or unsafe setting', () => {
    expect(deploymentProblems(parseEnvironment({}))).toHaveLength(3)
    expect(
      deploymentProblems(
        parseEnvironment({ PAYLOAD_SECRET: 'short', SERVER_URL: 'http://cms.example.jp', SMTP_URL: 'smtp://mail' }),
      ).join(' '),
    ).toMatch(/PAYLOAD_SECRET is shorter.*SERVER_URL must be an https/)
    expect(
      deploymentProblems(
        parseEnvironment({
          PAYLOAD_SECRET: 'x'.repeat(32),
          SERVER_URL: 'https://cms.example.jp',
          SMTP_URL: 'smtp://mail',
        }),
      ),
    ).toEqual([])
  })

  it('refuses to start without them, before it builds or opens anything', () => {
    const {
      PAYLOAD_SECRET: _secret,
      SERVER_URL: _url,
      SMTP_URL: _smtp,
      LOCAL_DEFAULTS: _local,
      ...environment
    } = process.env
    const started = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...environment, NODE_ENV: 'production', PAYLOAD_SECRET: 'too-short', DATA_DIR: '/nonexistent-data-dir' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(started.status).toBe(1)
    expect(started.stderr).toContain('Refusing to start in production')
    expect(started.stderr).toContain('PAYLOAD_SECRET is shorter')
    expect(started.stderr).toContain('SERVER_URL is not set')
  }, 60_000)
})
