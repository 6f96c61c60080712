import path from 'node:path'
import type { Page, Response } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { totpCode } from '../helpers/totp'
import { ARTIFACTS_DIR, type RunningApp, signIn, startApp } from './app'

let app: RunningApp
let page: Page
let hq: { email: string; password: string }
let adminToken: string

const screenshot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })

beforeAll(async () => {
  app = await startApp()
  // The seeded admin enrols over the API (the test client does it as the admin page would) and creates an HQ user.
  adminToken = await app.login(app.admin.email, app.admin.password)
  hq = { email: 'e2e.hq@example.com', password: `e2e-${Math.random().toString(36).slice(2)}-hq-passphrase` }
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { ...hq, name: '本部 太郎', role: 'hq' },
  })
  expect(created.status).toBe(201)
  page = await app.newPage()
})
afterAll(async () => {
  await app?.stop()
})

describe('HQ in the admin', () => {
  let secret: string
  let lastCodeAt: number

  it('is sent to enrol a second factor before anything else, and enrols with the QR code page', async () => {
    await signIn(page, app.baseUrl, hq.email, hq.password)
    await page.waitForURL(/\/admin\/second-factor/)
    await page.goto(`${app.baseUrl}/admin/collections/campaigns`)
    await page.waitForURL(/\/admin\/second-factor/)

    await page.getByRole('button', { name: '設定を始める' }).click()
    await expect.poll(() => page.locator('img.second-factor__qr').count(), { timeout: 15_000 }).toBe(1)
    secret = (await page.getByTestId('totp-secret').textContent()) ?? ''
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await screenshot('04-second-factor-enrol')

    lastCodeAt = Date.now()
    await page.locator('input[name="code"]').fill(totpCode(secret, lastCodeAt))
    await page.getByRole('button', { name: '確認して有効にする' }).click()
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count(), { timeout: 15_000 }).toBe(10)
    await screenshot('05-recovery-codes')

    // Back to the page first asked for, which the session may now open.
    await page.getByRole('link', { name: '保管しました。管理画面へ進む' }).click()
    await page.waitForURL(/\/admin\/collections\/campaigns$/)
    await expect.poll(() => page.locator('.collection-list').count(), { timeout: 30_000 }).toBeGreaterThan(0)
  })

  it('passes the second factor with the app code on the next sign-in', async () => {
    await page.context().clearCookies()
    await signIn(page, app.baseUrl, hq.email, hq.password)
    await page.waitForURL(/\/admin\/second-factor/)
    // The code of the next 30-second step: the one used to enrol is never accepted twice.
    await page.locator('input[name="code"]').fill(totpCode(secret, lastCodeAt + 30_000))
    await page.getByRole('button', { name: 'ログイン' }).click()
    await page.waitForURL(/\/admin\/?$/)
    await expect.poll(() => page.locator('.dashboard').count(), { timeout: 30_000 }).toBeGreaterThan(0)
  })

  it('changes the own password on the account page, with the current password', async () => {
    const renewed = `${hq.password}-renewed-in-the-admin`
    const signsInWith = async (password: string) =>
      (await app.api('/api/users/login', { method: 'POST', json: { email: hq.email, password } })).status
    await page.goto(`${app.baseUrl}/admin/account`)
    await page.getByRole('button', { name: 'パスワードを変更' }).click()
    // The save is pressed until the form sends it: under load a value typed while the fields are still mounting can
    // miss the form's state, and the admin then refuses the form itself ("required") without asking the server.
    const isAccountSave = (response: Response) =>
      /\/api\/users\/[^/?]+(\?|$)/.test(response.url()) && response.request().method() === 'PATCH'
    let refused: Response | undefined
    for (let attempt = 0; attempt < 10 && !refused; attempt++) {
      await page.locator('#field-password').fill(renewed)
      await page.locator('#field-confirm-password').fill(renewed)
      const sent = page.waitForResponse(isAccountSave, { timeout: 5_000 }).catch(() => undefined)
      await page
        .locator('#action-save')
        .click({ timeout: 5_000 })
        .catch(() => undefined)
      refused = await sent
    }
    // Without the current password the server refuses the change, the admin says why, and the old password stays.
    expect(refused?.status()).toBe(403)
    await expect
      .poll(() => page.locator('.payload-toast-item.toast-error').allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('現在のパスワード'))
    expect(await signsInWith(hq.password)).toBe(200)

    await page.locator('#field-currentPassword').fill(hq.password)
    // Wait for the save itself: a sign-in tried before it lands is a failure the sign-in budget counts.
    const saved = page.waitForResponse(isAccountSave, { timeout: 30_000 })
    await page.locator('#action-save').click()
    expect((await saved).status()).toBe(200)
    expect(await signsInWith(renewed)).toBe(200)
    await screenshot('06-account-password-change')
  })
})

describe('staff in the admin', () => {
  it('opt in to two-step verification from the account page; from then on every sign-in asks for the code', async () => {
    const stores = await (await app.api('/api/stores?where[slug][equals]=saga')).json()
    const staff = {
      email: 'e2e.staff.optin@example.com',
      password: `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`,
    }
    const created = await app.api('/api/users', {
      method: 'POST',
      token: adminToken,
      json: { ...staff, name: '佐賀 次郎', role: 'staff', stores: [stores.docs[0].id] },
    })
    expect(created.status).toBe(201)
    const staffPage = await app.newPage()
    await signIn(staffPage, app.baseUrl, staff.email, staff.password)
    await staffPage.goto(`${app.baseUrl}/admin/account`)
    await staffPage.getByRole('link', { name: '二段階認証を設定する' }).click()
    await staffPage.waitForURL(/\/admin\/second-factor/)
    await staffPage.getByRole('button', { name: '設定を始める' }).click()
    await expect.poll(() => staffPage.getByTestId('totp-secret').count(), { timeout: 15_000 }).toBe(1)
    const secret = (await staffPage.getByTestId('totp-secret').textContent()) ?? ''
    await staffPage.locator('input[name="code"]').fill(totpCode(secret))
    await staffPage.getByRole('button', { name: '確認して有効にする' }).click()
    await expect.poll(() => staffPage.getByTestId('recovery-codes').locator('li').count(), { timeout: 15_000 }).toBe(10)

    const login = await (await app.api('/api/users/login', { method: 'POST', json: staff })).json()
    expect(await (await app.api('/api/users/second-factor', { token: login.token })).json()).toMatchObject({
      status: 'verify',
      enabled: true,
    })
    expect((await app.api('/api/repair-logs?draft=true', { token: login.token })).status).toBe(403)
    await staffPage.close()
  })
})
