import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { securityHeaders } from '../../src/server/securityHeaders'

let baseUrl: string
let close: () => void

beforeAll(async () => {
  const app = express()
  app.use(securityHeaders({ production: true }))
  // Stands in for Next.js: answers with the policy its request carried, which is where Next reads the nonce.
  app.get('/{*splat}', (req, res) => {
    res.json({ requestPolicy: req.headers['content-security-policy'] })
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close?.())

const visit = async (headers: Record<string, string> = {}) => {
  const response = await fetch(`${baseUrl}/admin`, { headers })
  const policy = response.headers.get('content-security-policy') ?? ''
  const scriptSrc =
    policy
      .split(';')
      .find((directive) => directive.startsWith('script-src '))
      ?.split(' ')
      .slice(1) ?? []
  return { policy, scriptSrc, ...((await response.json()) as { requestPolicy: string }) }
}

describe('the content security policy', () => {
  it('allows our own scripts and one nonce, never inline script or event handlers', async () => {
    const { policy, scriptSrc } = await visit()
    expect(scriptSrc).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)])
    expect(policy).toContain("script-src-attr 'none'")
    expect(scriptSrc).not.toContain("'unsafe-inline'")
    expect(scriptSrc).not.toContain("'unsafe-eval'")
  })

  it('makes a new nonce for every response', async () => {
    const nonces = new Set<string>()
    for (let visitNumber = 0; visitNumber < 5; visitNumber += 1) nonces.add((await visit()).scriptSrc[1]!)
    expect(nonces.size).toBe(5)
  })

  it('hands Next.js the same policy on the request, whatever policy the client sent', async () => {
    const { policy, requestPolicy } = await visit({
      'Content-Security-Policy': "script-src 'nonce-chosenByTheAttacker'",
    })
    expect(requestPolicy).toBe(policy)
    expect(requestPolicy).not.toContain('chosenByTheAttacker')
  })
})
