import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refuseCrossSiteRequests } from '../src/server/crossSite'
import { closeServer } from '../src/server/shutdown'

let server: Server
let baseUrl: string

/** Whether a request got past the middleware to what stands behind it (Payload, the admin). */
const passes = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${baseUrl}${path}`, init)
  const body = await response.text()
  if (response.status === 403) expect(body).toMatch(/他のサイト/)
  return response.status === 200 && body === 'acted'
}

beforeAll(async () => {
  const app = express()
  app.use(refuseCrossSiteRequests(['https://shop.example']))
  app.all('/{*splat}', (_req, res) => res.send('acted'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await closeServer(server)
})

describe('requests from other sites', () => {
  it('write only from this origin, an allowed one, or a client that names none (servers, scripts)', async () => {
    const post = (headers: Record<string, string>) => passes('/api/users/login', { method: 'POST', headers })
    expect(await post({ Origin: baseUrl, 'Sec-Fetch-Site': 'same-origin' })).toBe(true)
    expect(await post({ Origin: 'https://shop.example', 'Sec-Fetch-Site': 'cross-site' })).toBe(true)
    expect(await post({})).toBe(true)
    expect(await post({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).toBe(false)
    expect(await post({ Origin: 'https://evil.example' })).toBe(false)
    expect(await post({ Origin: 'null' })).toBe(false)
    expect(await post({ 'Sec-Fetch-Site': 'cross-site' })).toBe(false)
    // A sibling subdomain is same-site but not this origin: its writes need it on the allow-list too.
    expect(await post({ Origin: 'https://blog.shop.example', 'Sec-Fetch-Site': 'same-site' })).toBe(false)
  })

  it('refuse every writing method alike, the admin’s server actions included', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(
        await passes('/admin/collections/articles/1', { method, headers: { Origin: 'https://evil.example' } }),
        method,
      ).toBe(false)
    }
  })

  it('read freely: frontends on other origins fetch JSON and images, and browsers preflight', async () => {
    expect(
      await passes('/api/articles', { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } }),
    ).toBe(true)
    expect(
      await passes('/api/articles', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      }),
    ).toBe(true)
  })

  it('cannot open the logout page or run jobs, which act on a GET; a typed address, a bookmark or a same-site link can', async () => {
    for (const path of [
      '/admin/logout',
      '/admin/logout/',
      '/ADMIN/Logout',
      '/api/payload-jobs/run',
      '/api/payload-jobs/handle-schedules',
    ]) {
      expect(await passes(path, { headers: { 'Sec-Fetch-Site': 'cross-site' } }), path).toBe(false)
    }
    for (const site of ['same-origin', 'same-site', 'none'])
      expect(await passes('/admin/logout', { headers: { 'Sec-Fetch-Site': site } }), site).toBe(true)
    expect(await passes('/admin/logout')).toBe(true)
  })

  it('answer the logout page with a link that signs out from here, in Japanese and English', async () => {
    const response = await fetch(`${baseUrl}/admin/logout`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const page = await response.text()
    expect(page).toContain('<a href="/admin/logout">')
    expect(page).toMatch(/Sign-out requests from other sites are not accepted/)
  })
})
