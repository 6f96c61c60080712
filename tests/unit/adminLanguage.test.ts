import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { japaneseAdminByDefault } from '../../src/server/adminLanguage'

let baseUrl: string
let close: () => void

beforeAll(async () => {
  const app = express()
  app.use('/admin', japaneseAdminByDefault)
  app.get('/{*splat}', (req, res) => {
    res.send(req.headers['accept-language'] ?? '')
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close?.())

const languageSeen = async (path: string, headers: Record<string, string>) =>
  (await fetch(`${baseUrl}${path}`, { headers })).text()

describe('the admin language', () => {
  it('is Japanese for an English browser that has not chosen a language', async () => {
    expect(await languageSeen('/admin/collections/repair-logs', { 'Accept-Language': 'en-US,en;q=0.9' })).toBe('ja')
  })

  it('follows the language a user chose in their account', async () => {
    expect(await languageSeen('/admin', { 'Accept-Language': 'en-US', Cookie: 'payload-lng=en' })).toBe('en-US')
  })

  it('leaves API requests to their own Accept-Language', async () => {
    expect(await languageSeen('/api/stores', { 'Accept-Language': 'en' })).toBe('en')
  })
})
