import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser } from '../helpers/payload'
import type { TestServer } from '../helpers/server'

const SHOP = 'https://shop.example.jp'
const OTHER_SHOP = 'https://campaign.example.jp'
const STRANGER = 'https://evil.example.com'

let server: TestServer

beforeAll(async () => {
  // Read when the server starts: set before anything imports it.
  process.env.CORS_ORIGINS = `${SHOP}, ${OTHER_SHOP}/`
  const { startServer } = await import('../helpers/server')
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
  delete process.env.CORS_ORIGINS
})

const varyNames = (response: Response) =>
  (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase())

const read = (origin: string | undefined, init: RequestInit & { token?: string } = {}) =>
  server.request('/api/devices?limit=5', {
    ...init,
    headers: { ...(origin ? { Origin: origin } : {}), ...init.headers },
  })

describe('CORS for the frontends listed in CORS_ORIGINS', () => {
  it('lets a listed origin read, with credentials, and exposes the validators and rate-limit headers', async () => {
    const response = await read(SHOP)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP)
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-expose-headers')).toMatch(/\bETag\b.*\bRateLimit\b.*\bRetry-After\b/)
    expect(varyNames(response)).toContain('origin')
  })

  it('lists each origin exactly, trailing slash or not', async () => {
    expect((await read(OTHER_SHOP)).headers.get('access-control-allow-origin')).toBe(OTHER_SHOP)
    expect((await read(`${SHOP}:8443`)).headers.get('access-control-allow-origin')).toBeNull()
    expect((await read('http://shop.example.jp')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('gives an origin not listed no Access-Control-Allow-Origin and no credentials, but the same Vary', async () => {
    const response = await read(STRANGER)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(varyNames(response)).toContain('origin')
  })

  it("keeps the headers on a repeated (cacheable) anonymous read, and never hands one origin's headers to another", async () => {
    await read(SHOP)
    const again = await read(SHOP)
    expect(again.headers.get('access-control-allow-origin')).toBe(SHOP)
    expect(again.headers.get('access-control-allow-credentials')).toBe('true')
    expect(varyNames(again)).toContain('origin')
    const stranger = await read(STRANGER)
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull()
    const noOrigin = await read(undefined)
    expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull()
    expect(varyNames(noOrigin)).toContain('origin')
  })

  it('answers a preflight from a listed origin with the methods, headers and how long to keep it', async () => {
    const response = await server.request('/api/articles', {
      method: 'OPTIONS',
      headers: {
        Origin: SHOP,
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP)
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-methods')).toMatch(/\bPATCH\b/)
    for (const header of ['Authorization', 'Content-Type', 'Accept-Language', 'If-None-Match']) {
      expect(response.headers.get('access-control-allow-headers')).toContain(header)
    }
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0)
  })

  it('answers a preflight from an origin not listed without any allow header, so the browser refuses the request', async () => {
    const response = await server.request('/api/articles', {
      method: 'OPTIONS',
      headers: { Origin: STRANGER, 'Access-Control-Request-Method': 'DELETE' },
    })
    expect(response.status).toBe(204)
    for (const header of [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-allow-methods',
      'access-control-allow-headers',
    ]) {
      expect(response.headers.get(header), header).toBeNull()
    }
  })

  it("lets a listed origin read with a signed-in user's credentials too", async () => {
    const staff = await createUser(server.payload, 'staff')
    const token = await server.login(staff.email, staff.password)
    const response = await server.request('/api/users/me', { token, headers: { Origin: SHOP } })
    expect(response.status).toBe(200)
    expect((await response.json()).user?.id).toBe(staff.id)
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP)
  })

  it('lets a listed origin read but not write with the session: writes stay for CSRF_ALLOWED_ORIGINS', async () => {
    const staff = await createUser(server.payload, 'staff')
    const token = await server.login(staff.email, staff.password)
    const response = await server.request(`/api/users/${staff.id}`, {
      method: 'PATCH',
      token,
      headers: { Origin: SHOP },
      json: { name: 'renamed' },
    })
    expect(response.status).toBe(403)
    expect((await server.payload.findByID({ collection: 'users', id: staff.id, overrideAccess: true })).name).not.toBe(
      'renamed',
    )
  })

  it('leaves the admin to its own origin', async () => {
    const response = await server.request('/admin', { headers: { Origin: SHOP } })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('the CORS_ORIGINS setting', () => {
  it('refuses a wildcard or anything that is not an origin, naming the entry', async () => {
    const { corsOriginsOf } = await import('../../src/lib/env')
    expect(() => corsOriginsOf('*')).toThrow(/"\*"/)
    expect(() => corsOriginsOf('https://shop.example.jp/products')).toThrow(/products/)
    expect(() => corsOriginsOf('shop.example.jp')).toThrow(/shop\.example\.jp/)
    expect([...corsOriginsOf(' https://a.example.jp/ ,,https://b.example.jp')]).toEqual([
      'https://a.example.jp',
      'https://b.example.jp',
    ])
    expect(corsOriginsOf(undefined).size).toBe(0)
  })
})
