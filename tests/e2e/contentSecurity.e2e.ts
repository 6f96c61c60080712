import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { type RunningApp, signIn, startApp } from './app'

let app: RunningApp
let page: Page
let staff: { email: string; password: string }
let articleId: string
/** Every Content-Security-Policy violation the browser reported, from the console and from the DOM event. */
const violations: string[] = []
/** The policies the admin's pages (documents) were served with. */
const documentPolicies: Array<{ url: string; policy: string }> = []

beforeAll(async () => {
  app = await startApp()
  const adminToken = await app.login(app.admin.email, app.admin.password)
  const stores = await (await app.api('/api/stores?where[slug][equals]=saga')).json()
  staff = { email: 'e2e.csp.saga@example.com', password: `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase` }
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { ...staff, name: '佐賀 次郎', role: 'staff', stores: [stores.docs[0].id] },
  })
  expect(created.status).toBe(201)
  const staffToken = await app.login(staff.email, staff.password)
  const article = await app.api('/api/articles?draft=true', {
    method: 'POST',
    token: staffToken,
    json: {
      title: 'CSPの下書き',
      store: stores.docs[0].id,
      body: plainTextToLexical([['下書きの本文です。']]),
      _status: 'draft',
    },
  })
  expect(article.status).toBe(201)
  articleId = (await article.json()).doc.id

  page = await app.newPage()
  page.on('console', (message) => {
    if (/content.security.policy|securitypolicyviolation/i.test(message.text())) violations.push(message.text())
  })
  // Pages the server answered with content (Chromium's own internal redirects carry no server headers).
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'document' && response.status() === 200) {
      documentPolicies.push({
        url: response.url(),
        policy: (await response.headerValue('content-security-policy')) ?? '',
      })
    }
  })
  // Runs before any page script, outside the page's policy: reports each violation on the console above.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
})
afterAll(async () => {
  await app?.stop()
})

describe('the admin under a policy without inline script', () => {
  it('signs in and edits an article with every script allowed by nonce, and no violation reported', async () => {
    await signIn(page, app.baseUrl, staff.email, staff.password)
    await page.goto(`${app.baseUrl}/admin/collections/articles/${articleId}`)
    const editor = page.locator('.rich-text-lexical [contenteditable="true"]')
    await expect.poll(() => editor.count(), { timeout: 30_000 }).toBe(1)
    // Typing works only if the admin's scripts ran: the editor is React, hydrated from nonce'd scripts.
    await editor.click()
    await page.keyboard.press('End')
    await page.keyboard.insertText('追記しました。')
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain('下書きの本文です。追記しました。')
    await page.waitForLoadState('networkidle')

    expect(violations).toEqual([])
    expect(documentPolicies.length).toBeGreaterThan(1)
    for (const { url, policy } of documentPolicies) {
      const scriptSrc = policy.split(';').find((directive) => directive.startsWith('script-src '))
      expect(scriptSrc, url).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'$/)
    }
  })

  it('opens the preview of the draft, which runs no script and reports no violation', async () => {
    await page.goto(`${app.baseUrl}/preview/articles/${articleId}`)
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('CSPの下書き')
    expect(await page.locator('article').textContent()).toBe('下書きの本文です。')
    expect(violations).toEqual([])
    expect(documentPolicies.at(-1)?.policy).toContain("script-src 'none'")
  })
})
