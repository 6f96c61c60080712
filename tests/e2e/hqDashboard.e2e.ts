import path from 'node:path'
import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { totpCode } from '../helpers/totp'
import { ARTIFACTS_DIR, type RunningApp, signIn, startApp } from './app'

let app: RunningApp
let page: Page
let saga: { id: string; name: string }
const hq = {
  email: 'e2e.hq.dashboard@example.com',
  password: `e2e-${Math.random().toString(36).slice(2)}-hq-passphrase`,
}
const campaignTitle = 'E2E 年末 画面修理1000円引き'

const DAY = 24 * 60 * 60 * 1000

beforeAll(async () => {
  app = await startApp()
  const adminToken = await app.login(app.admin.email, app.admin.password)
  saga = (await (await app.api('/api/stores?where[slug][equals]=saga&depth=0')).json()).docs[0]
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { ...hq, name: '本部 花子', role: 'hq' },
  })
  expect(created.status).toBe(201)
  // A campaign of one store, running now and ending within the 14 days the start page looks ahead.
  const campaign = await app.api('/api/campaigns', {
    method: 'POST',
    token: adminToken,
    json: {
      title: campaignTitle,
      kind: 'fixed_yen_off',
      value: 1000,
      startsAt: new Date(Date.now() - DAY).toISOString(),
      endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
      targetStores: [saga.id],
      _status: 'published',
    },
  })
  expect(campaign.status).toBe(201)
  page = await app.newPage()
})
afterAll(async () => {
  await app?.stop()
})

/** Parts of the HQ start page wider than the window, which a tablet would cut off or scroll sideways. */
const overflowing = () =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const dashboard = document.querySelector('.hq-dashboard')
    const parts = dashboard ? [dashboard, ...dashboard.querySelectorAll('a, h2, h3, h4, li')] : []
    return {
      pageScrollsSideways: document.documentElement.scrollWidth > width,
      cutOff: parts
        .filter((part) => part.getBoundingClientRect().right > width + 1)
        .map((part) => part.textContent?.slice(0, 40)),
    }
  })

describe('HQ in the admin', () => {
  it('starts on the HQ dashboard showing the new campaign under its store, after the second factor', async () => {
    // HQ enrols over the API as the enrolment page would, then signs in through the admin with the next code.
    const { token } = await (await app.api('/api/users/login', { method: 'POST', json: hq })).json()
    const { secret } = await (await app.api('/api/users/second-factor/enrol', { method: 'POST', token })).json()
    const enrolledAt = Date.now()
    expect(
      (
        await app.api('/api/users/second-factor/confirm', {
          method: 'POST',
          token,
          json: { code: totpCode(secret, enrolledAt) },
        })
      ).ok,
    ).toBe(true)

    await signIn(page, app.baseUrl, hq.email, hq.password)
    await page.waitForURL(/\/admin\/second-factor/)
    await page.locator('input[name="code"]').fill(totpCode(secret, enrolledAt + 30_000))
    await page.getByRole('button', { name: 'ログイン' }).click()
    await page.waitForURL(/\/admin\/?$/)

    await expect
      .poll(() => page.getByRole('heading', { name: '本部ダッシュボード' }).count(), { timeout: 30_000 })
      .toBe(1)
    const live = page.getByTestId('campaigns-live')
    expect(await live.textContent()).toContain(`${saga.name}（1件）`)
    expect(await live.getByRole('link', { name: campaignTitle }).count()).toBe(1)
    expect(await page.getByTestId('campaigns-ending').getByRole('link', { name: campaignTitle }).count()).toBe(1)
    // The store staff's dashboard is not HQ's.
    expect(await page.getByTestId('dashboard-drafts').count()).toBe(0)
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'hq-dashboard.png'), fullPage: true })
  })

  it('opens the filtered campaign list from a figure, listing exactly the campaigns it counts', async () => {
    const figure = page.getByTestId('figure-ending')
    const counted = Number((await figure.locator('.hq-dashboard__figure-count').textContent())?.replace(/\D/g, ''))
    expect(counted).toBeGreaterThan(0)
    await figure.click()
    await page.waitForURL(/\/admin\/collections\/campaigns\?where/)
    await expect.poll(() => page.locator('.collection-list table tbody tr').count(), { timeout: 30_000 }).toBe(counted)
    expect(await page.locator('.collection-list table').textContent()).toContain(campaignTitle)
  })

  it.each([
    { width: 1024, height: 768 },
    { width: 820, height: 1180 },
  ])('fits a tablet window of $width × $height with nothing cut off', async (viewport) => {
    await page.setViewportSize(viewport)
    await page.goto(`${app.baseUrl}/admin`)
    await expect
      .poll(() => page.getByRole('heading', { name: '本部ダッシュボード' }).count(), { timeout: 30_000 })
      .toBe(1)
    expect(await overflowing()).toEqual({ pageScrollsSideways: false, cutOff: [] })
    if (viewport.width === 820)
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'hq-dashboard-tablet.png'), fullPage: true })
  })
})

describe('store staff in the admin', () => {
  it('see their store named in the heading of their dashboard, and no HQ dashboard', async () => {
    const adminToken = await app.login(app.admin.email, app.admin.password)
    const staff = {
      email: 'e2e.staff.heading@example.com',
      password: `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`,
    }
    const created = await app.api('/api/users', {
      method: 'POST',
      token: adminToken,
      json: { ...staff, name: '佐賀 三郎', role: 'staff', stores: [saga.id] },
    })
    expect(created.status).toBe(201)
    const staffPage = await app.newPage()
    await signIn(staffPage, app.baseUrl, staff.email, staff.password)
    await expect
      .poll(() => staffPage.getByRole('heading', { name: `「${saga.name}」の投稿` }).count(), { timeout: 30_000 })
      .toBe(1)
    expect(await staffPage.getByRole('heading', { name: '本部ダッシュボード' }).count()).toBe(0)
    await staffPage.close()
  })
})
