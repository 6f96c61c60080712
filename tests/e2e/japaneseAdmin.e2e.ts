import type { BrowserContextOptions, Page } from 'playwright-core'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { hydrated, type RunningApp, startApp } from './app'
import { recordToasts, toastsShown, untranslatedOn, visibleInterfaceTexts, widerThanWindow } from './untranslatedText'

let app: RunningApp
let sagaStoreId: string

/** A browser page signed in as `email` (second factor passed over the API, as the admin page would). */
const signedInPage = async (email: string, password: string, device?: BrowserContextOptions): Promise<Page> => {
  const token = await app.login(email, password)
  const page = await app.newPage(device)
  await page.context().addCookies([{ name: 'payload-token', value: token, url: app.baseUrl }])
  await recordToasts(page)
  return page
}

/** Opens `path` and waits until the admin has drawn it (server components streamed, client components mounted). */
const open = async (page: Page, path: string) => {
  await page.goto(`${app.baseUrl}${path}`)
  await page.waitForLoadState('networkidle')
  await page.locator('.template-default, .template-minimal').first().waitFor({ timeout: 60_000 })
  await hydrated(page, '.template-default, .template-minimal')
}

/**
 * Walks every screen a role reaches from the navigation: the dashboard, each collection's list, its create form,
 * the first document's form and each of that document's tabs (versions, API), each global, and the account page.
 * The screens come from the live admin, so a collection added later is walked without touching this test.
 */
const walkAdmin = async (page: Page): Promise<string[]> => {
  const found: string[] = []
  // Read until clean or for a few seconds: Payload's client components may still be drawing after hydration.
  const check = async (screen: string) => {
    let untranslated: string[] = []
    for (let attempt = 0; attempt < 5; attempt++) {
      untranslated = untranslatedOn(screen, await visibleInterfaceTexts(page))
      if (untranslated.length === 0) break
      await page.waitForTimeout(1_000)
    }
    found.push(...untranslated)
    // A screen wider than the window (a tablet's, for staff) hides what is past its edge.
    const overflow = await widerThanWindow(page)
    if (overflow) found.push(`${screen}: ${overflow}`)
  }

  await open(page, '/admin')
  await check('/admin')
  const sections = await page
    .locator('nav a[href*="/admin/collections/"], nav a[href*="/admin/globals/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))])
  expect(sections.length).toBeGreaterThan(2)
  for (const section of sections) {
    await open(page, section)
    await check(section)
    if (!section.includes('/collections/')) continue
    const createLink = page.locator(`a[href$="${section}/create"]`).first()
    if ((await createLink.count()) > 0) {
      await open(page, `${section}/create`)
      await check(`${section}/create`)
      await open(page, section)
    }
    const firstDocument = await page
      .locator('.table tbody tr a[href*="/admin/collections/"]')
      .first()
      .getAttribute('href', { timeout: 5_000 })
      .catch(() => null)
    if (!firstDocument) continue
    await open(page, firstDocument)
    await check(firstDocument)
    const tabs = await page
      .locator('.doc-tabs a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))
    for (const tab of tabs.filter((tab) => tab !== firstDocument)) {
      await open(page, tab)
      await check(tab)
    }
  }
  await open(page, '/admin/account')
  await check('/admin/account')
  return found
}

beforeAll(async () => {
  app = await startApp()
  const stores = await (await app.api('/api/stores?where[slug][equals]=saga')).json()
  sagaStoreId = stores.docs[0].id
})
afterAll(async () => {
  await app?.stop()
})

// Each walk opens every screen of a role, a few seconds each on a busy machine.
const WALK_TIMEOUT = 900_000

describe('the Japanese admin has no text left in English', () => {
  it('on the screens seen before signing in: sign-in, forgotten password, second factor', async () => {
    const page = await app.newPage()
    const found: string[] = []
    for (const path of ['/admin/login', '/admin/forgot']) {
      await open(page, path)
      found.push(...untranslatedOn(path, await visibleInterfaceTexts(page)))
    }
    const adminToken = await app.login(app.admin.email, app.admin.password)
    const hq = {
      email: 'e2e.hq.walk@example.com',
      password: `e2e-${Math.random().toString(36).slice(2)}-hq-passphrase`,
    }
    expect(
      (
        await app.api('/api/users', {
          method: 'POST',
          token: adminToken,
          json: { ...hq, name: '本部 一郎', role: 'hq' },
        })
      ).status,
    ).toBe(201)
    const { token } = await (await app.api('/api/users/login', { method: 'POST', json: hq })).json()
    await page.context().addCookies([{ name: 'payload-token', value: token, url: app.baseUrl }])
    await open(page, '/admin/second-factor')
    found.push(...untranslatedOn('/admin/second-factor', await visibleInterfaceTexts(page)))
    await page.getByRole('button', { name: '設定を始める' }).click()
    await page.getByTestId('totp-secret').waitFor()
    found.push(...untranslatedOn('/admin/second-factor (enrolling)', await visibleInterfaceTexts(page)))
    await page.close()
    expect(found).toEqual([])
  })

  it(
    'on every screen the admin role reaches, and in the toasts of saving, uploading and a refused save',
    async () => {
      const page = await signedInPage(app.admin.email, app.admin.password)
      const found = await walkAdmin(page)

      // A refused save (a repair report with a title only) and a saved one (the own name on the account page).
      await open(page, '/admin/collections/repair-logs/create')
      await page.locator('#field-title').fill('タイトルだけの修理ブログ')
      await page.locator('#action-save').click()
      await expect.poll(() => toastsShown(page), { timeout: 30_000 }).not.toEqual([])
      await open(page, '/admin/account')
      await page.locator('#field-name').fill('管理者 一郎')
      await page.locator('#action-save').click()
      await expect.poll(async () => (await toastsShown(page)).length, { timeout: 30_000 }).toBeGreaterThan(1)

      // Photos added several at once go through the bulk upload, whose toast counts the files saved.
      await open(page, '/admin/collections/media')
      await page.getByRole('button', { name: '一括アップロード' }).click()
      const photo = await sharp({
        create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 90, b: 90 } },
      })
        .jpeg()
        .toBuffer()
      await page
        .locator('.bulk-upload--add-files input[type="file"]')
        .setInputFiles([{ name: 'counter.jpg', mimeType: 'image/jpeg', buffer: photo }])
      await page.locator('.bulk-upload--file-manager #field-alt, .drawer #field-alt').first().fill('店頭カウンター')
      await page.locator('.bulk-upload--actions-bar').getByRole('button', { name: /保存/ }).click()
      await expect
        .poll(() => toastsShown(page), { timeout: 30_000 })
        .toContainEqual(expect.stringContaining('件のファイルを保存しました'))

      found.push(...untranslatedOn('toast', await toastsShown(page)))
      expect(found).toEqual([])
      await page.close()
    },
    WALK_TIMEOUT,
  )

  it(
    'on every screen store staff reach, on the shop tablet with nothing past its edge',
    async () => {
      const adminToken = await app.login(app.admin.email, app.admin.password)
      const staff = {
        email: 'e2e.staff.walk@example.com',
        password: `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`,
      }
      const created = await app.api('/api/users', {
        method: 'POST',
        token: adminToken,
        json: { ...staff, name: '佐賀 三郎', role: 'staff', stores: [sagaStoreId] },
      })
      expect(created.status).toBe(201)
      // The shop's tablet, upright (an iPad Air: touch, overlay scrollbars, the page laid out to the device width).
      const page = await signedInPage(staff.email, staff.password, {
        viewport: { width: 820, height: 1180 },
        isMobile: true,
        hasTouch: true,
      })
      expect(await walkAdmin(page)).toEqual([])
      await page.close()
    },
    WALK_TIMEOUT,
  )
})
