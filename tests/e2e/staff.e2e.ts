import path from 'node:path'
import type { Page } from 'playwright-core'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { jstDay } from '../../src/lib/jst'
import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ARTIFACTS_DIR, hydrated, type RunningApp, signIn, startApp } from './app'

let app: RunningApp
let page: Page
let staff: { email: string; password: string; token: string }
let sagaStoreId: string

const screenshot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })

/**
 * Types Japanese the way an IME does: a composition (ひらがな) that is converted and committed, with the
 * Enter that confirms the conversion arriving while composing. A field that handles Enter naively
 * duplicates or drops characters, or submits the form.
 */
const typeWithIme = async (reading: string, converted: string) => {
  const cdp = await page.context().newCDPSession(page)
  for (let length = 1; length <= reading.length; length += 1) {
    await cdp.send('Input.imeSetComposition', {
      text: reading.slice(0, length),
      selectionStart: length,
      selectionEnd: length,
    })
  }
  await cdp.send('Input.imeSetComposition', {
    text: converted,
    selectionStart: converted.length,
    selectionEnd: converted.length,
  })
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'rawKeyDown',
    key: 'Enter',
    code: 'Enter',
    windowsVirtualKeyCode: 229,
    nativeVirtualKeyCode: 229,
  })
  await cdp.send('Input.insertText', { text: converted })
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyUp',
    key: 'Enter',
    code: 'Enter',
    windowsVirtualKeyCode: 13,
    nativeVirtualKeyCode: 13,
  })
  await cdp.detach()
}

beforeAll(async () => {
  app = await startApp()
  const adminToken = await app.login(app.admin.email, app.admin.password)
  const stores = await (await app.api('/api/stores?where[slug][equals]=saga')).json()
  sagaStoreId = stores.docs[0].id
  const password = `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`
  const email = 'e2e.staff.saga@example.com'
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { email, password, name: '佐賀 花子', role: 'staff', stores: [sagaStoreId] },
  })
  expect(created.status).toBe(201)
  staff = { email, password, token: await app.login(email, password) }
  page = await app.newPage()
})
afterAll(async () => {
  await app?.stop()
})

describe('store staff in the admin', () => {
  it('sees the Japanese dashboard with the store’s drafts and one-click new posts', async () => {
    const devices = await (await app.api('/api/devices?where[slug][equals]=iphone-7')).json()
    const draft = await app.api('/api/repair-logs?draft=true', {
      method: 'POST',
      token: staff.token,
      json: {
        title: 'iPhone 7 バッテリー交換（下書き）',
        store: sagaStoreId,
        device: devices.docs[0].id,
        repairMenu: 'battery',
        body: plainTextToLexical([['書きかけの修理ブログです。']]),
        _status: 'draft',
      },
    })
    expect(draft.status).toBe(201)

    await signIn(page, app.baseUrl, staff.email, staff.password)
    const drafts = page.getByTestId('dashboard-drafts')
    await expect.poll(() => drafts.textContent(), { timeout: 30_000 }).toContain('iPhone 7 バッテリー交換（下書き）')
    await expect
      .poll(() => page.getByTestId('dashboard-latest').textContent(), { timeout: 30_000 })
      .toContain('2度目の落下で画面が映らなくなったiPhone 8!')
    expect(await page.getByRole('link', { name: '＋ 修理ブログを書く' }).count()).toBe(1)
    await screenshot('01-dashboard')
  })

  it('writes a repair report in Japanese with a photo, publishes it, and frontends read it', async () => {
    const title = '画面交換修理'
    await page.getByRole('link', { name: '＋ 修理ブログを書く' }).click()
    await page.waitForURL(/\/collections\/repair-logs\/create/)

    await page.locator('#field-title').click()
    await typeWithIme('がめんこうかんしゅうり', title)
    await expect.poll(() => page.locator('#field-title').inputValue(), { timeout: 10_000 }).toBe(title)
    expect(page.url()).toMatch(/\/create/)

    await page.locator('#field-device').click()
    await page.keyboard.type('iPhone 8')
    await page.getByRole('option', { name: 'iPhone 8' }).first().click()
    await page.locator('#field-repairMenu').click()
    await page.getByRole('option', { name: '画面交換' }).click()
    await page.locator('#field-symptom').fill('落とした後から画面が映らない')

    await page.locator('.rich-text-lexical [contenteditable="true"]').click()
    await page.keyboard.insertText('2度目の落下で画面が映らなくなったiPhone 8の画面を交換しました。')

    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 20, g: 20, b: 20 } },
    })
      .jpeg()
      .toBuffer()
    await page
      .locator('#field-beforePhotos')
      .getByRole('button', { name: /新規作成|Create New/ })
      .click()
    await page
      .locator('.drawer input[type="file"]')
      .setInputFiles({ name: 'iphone8-before.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.locator('.drawer #field-alt').fill('割れた画面のiPhone 8')
    await page
      .locator('.drawer')
      .getByRole('button', { name: /保存|Save/ })
      .click()
    await expect
      .poll(() => page.locator('#field-beforePhotos').textContent(), { timeout: 30_000 })
      .toContain('iphone8-before')

    await screenshot('02-repair-report-form')
    await page.locator('#action-save').click()
    await page.waitForURL(/\/collections\/repair-logs\/[0-9a-f-]{36}/)

    const rest = await (
      await app.api(`/api/repair-logs?where[title][equals]=${encodeURIComponent(title)}&depth=1`)
    ).json()
    expect(rest.docs).toHaveLength(1)
    const [report] = rest.docs
    expect(report._status).toBe('published')
    expect(report.store.slug).toBe('saga')
    expect(report.device.model).toBe('iPhone 8')
    expect(report.beforePhotos[0].alt).toBe('割れた画面のiPhone 8')
    // The title has no Latin words, so the slug rule falls back to the JST day and a short random id.
    expect(report.slug).toMatch(new RegExp(`^${jstDay(report.publishedAt)}-[0-9a-f]{8}$`))

    const graphql = await app.api('/api/graphql', {
      method: 'POST',
      json: { query: `{ RepairLog(id: "${report.id}") { title symptom repairMenu beforePhotos { alt } } }` },
    })
    expect((await graphql.json()).data.RepairLog).toEqual({
      title,
      symptom: '落とした後から画面が映らない',
      repairMenu: 'screen',
      beforePhotos: [{ alt: '割れた画面のiPhone 8' }],
    })
  })

  it('finds a model in the device picker however a customer writes it, in katakana or full-width', async () => {
    for (const typed of ['アイフォン12', 'ｉＰｈｏｎｅ１２']) {
      await page.goto(`${app.baseUrl}/admin/collections/repair-logs/create`)
      await hydrated(page, '#field-deviceNotListed')
      await page.locator('#field-device').click()
      await page.keyboard.type(typed)
      await expect
        .poll(() => page.getByRole('option', { name: 'iPhone 12', exact: true }).count(), { timeout: 30_000 })
        .toBe(1)
    }
  })

  it('writes a report about a model not in the catalogue, and HQ finds it in the list of unlisted models', async () => {
    const title = '一覧にない機種の画面交換'
    await page.goto(`${app.baseUrl}/admin/collections/repair-logs/create`)
    await hydrated(page, '#field-deviceNotListed')
    await page.locator('#field-title').fill(title)
    await page.locator('#field-deviceNotListed').check({ force: true })
    await page.locator('#field-unlistedModel').fill('Galaxy A25 5G')
    await page.locator('#field-repairMenu').click()
    await page.getByRole('option', { name: '画面交換' }).click()
    await page.locator('.rich-text-lexical [contenteditable="true"]').click()
    await page.keyboard.insertText('機種一覧にまだないGalaxy A25 5Gの画面を交換しました。')
    expect(await page.locator('#field-device').count()).toBe(0)
    await screenshot('repair-report-unlisted-model')
    await page.locator('#action-save').click()
    await page.waitForURL(/\/collections\/repair-logs\/[0-9a-f-]{36}/)

    const adminToken = await app.login(app.admin.email, app.admin.password)
    const listed = await (
      await app.api('/api/repair-logs?where[deviceNotListed][equals]=true&depth=0', { token: adminToken })
    ).json()
    expect(
      listed.docs.map((report: { title: string; unlistedModel: string; device: unknown }) => [
        report.title,
        report.unlistedModel,
        report.device,
      ]),
    ).toEqual([[title, 'Galaxy A25 5G', null]])
  })

  it('schedules a draft from the publish menu, and the post appears on time', async () => {
    const devices = await (await app.api('/api/devices?where[slug][equals]=iphone-x')).json()
    const created = await app.api('/api/repair-logs?draft=true', {
      method: 'POST',
      token: staff.token,
      json: {
        title: 'iPhone X 予約投稿のテスト',
        store: sagaStoreId,
        device: devices.docs[0].id,
        repairMenu: 'screen',
        body: plainTextToLexical([['予約した時刻に公開されます。']]),
        _status: 'draft',
      },
    })
    const { doc } = await created.json()
    const isPublic = async () => (await app.api(`/api/repair-logs/${doc.id}`)).status === 200
    expect(await isPublic()).toBe(false)

    // Two minutes ahead, on the minute: the drawer takes minutes, as staff type them (JST).
    const publishAt = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000)
    const typed = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' })
      .format(publishAt)
      .replaceAll('-', '/')
    await page.goto(`${app.baseUrl}/admin/collections/repair-logs/${doc.id}`)
    await page.locator('.publish-button .popup-button, #action-save ~ .popup .popup-button').first().click()
    await page.getByRole('button', { name: 'スケジュール公開' }).click()
    await page.getByText('公開する', { exact: true }).click()
    await page.locator('#time input').fill(typed)
    await page.keyboard.press('Enter')
    await screenshot('03-schedule-publish')
    await page.locator('#scheduled-publish-save').click()
    await expect
      .poll(() => page.locator('.schedule-publish__upcoming').textContent(), { timeout: 15_000 })
      .toContain('公開する')

    await expect.poll(isPublic, { timeout: publishAt.getTime() - Date.now() + 60_000, interval: 2_000 }).toBe(true)
    const published = await (await app.api(`/api/repair-logs/${doc.id}`)).json()
    expect(new Date(published.updatedAt).getTime()).toBeGreaterThanOrEqual(publishAt.getTime())
  })
})
