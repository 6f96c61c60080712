import type { Page } from 'playwright-core'

import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { totpCode } from '../helpers/totp'
import { type RunningApp, signIn, startApp } from './app'

type Staff = { email: string; password: string; token: string }

let app: RunningApp
let page: Page
let writer: Staff
let colleague: Staff
let sagaStoreId: string
let iphone7Id: string

const createStaff = async (adminToken: string, email: string, name: string): Promise<Staff> => {
  const password = `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { email, password, name, role: 'staff', stores: [sagaStoreId] },
  })
  expect(created.status).toBe(201)
  return { email, password, token: await app.login(email, password) }
}

/** A draft repair report of the Saga store, written over the API by `author`; answers its ID. */
const draftReport = async (author: Staff, title: string): Promise<string> => {
  const response = await app.api('/api/repair-logs?draft=true', {
    method: 'POST',
    token: author.token,
    json: {
      title,
      store: sagaStoreId,
      device: iphone7Id,
      repairMenu: 'battery',
      body: plainTextToLexical([['下書きです。']]),
      _status: 'draft',
    },
  })
  expect(response.status).toBe(201)
  return (await response.json()).doc.id
}

const reportUrl = (id: string) => `${app.baseUrl}/admin/collections/repair-logs/${id}`

beforeAll(async () => {
  app = await startApp()
  const adminToken = await app.login(app.admin.email, app.admin.password)
  sagaStoreId = (await (await app.api('/api/stores?where[slug][equals]=saga')).json()).docs[0].id
  iphone7Id = (await (await app.api('/api/devices?where[slug][equals]=iphone-7')).json()).docs[0].id
  writer = await createStaff(adminToken, 'e2e.screens.writer@example.com', '佐賀 一郎')
  colleague = await createStaff(adminToken, 'e2e.screens.colleague@example.com', '佐賀 二郎')
  page = await app.newPage()
})
afterAll(async () => {
  await app?.stop()
})

describe('the screens store staff use', () => {
  it('the sign-in page shows the chain name and mark, and the page names the chain mark as its favicon', async () => {
    await page.goto(`${app.baseUrl}/admin/login`)
    const logo = page.getByTestId('chain-logo')
    await expect.poll(() => logo.isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await logo.textContent()).toContain('修理チェーンCMS')
    expect(
      await logo.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    ).toBe(true)

    const icon = page.locator('link[rel="icon"]')
    expect(await icon.count()).toBe(1)
    expect(await icon.getAttribute('type')).toBe('image/svg+xml')
    const favicon = await fetch(new URL((await icon.getAttribute('href'))!, app.baseUrl))
    expect(favicon.status).toBe(200)
    expect(favicon.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
  })

  it('a report opens with no API tab, a labelled プレビュー button, no time-zone selector and a sans-serif editor', async () => {
    const id = await draftReport(writer, 'iPhone 7 バッテリー交換（画面の確認）')
    await signIn(page, app.baseUrl, writer.email, writer.password)
    await page.goto(reportUrl(id))
    await expect
      .poll(() => page.locator('#field-title').inputValue(), { timeout: 30_000 })
      .toBe('iPhone 7 バッテリー交換（画面の確認）')

    expect(await page.locator('a[href$="/api"]').count()).toBe(0)

    // The admin sets the preview address once it runs in the browser (after hydration), then shows the button.
    const preview = page.getByRole('link', { name: 'プレビュー', exact: true })
    await expect.poll(() => preview.isVisible(), { timeout: 30_000 }).toBe(true)
    expect((await preview.innerText()).trim()).toBe('プレビュー')
    expect(await preview.getAttribute('href')).toContain(`/preview/repair-logs/${id}`)

    // The publish date and the scheduled publish have Payload's zone selector, rendered and hidden.
    const zones = page.locator('.timezone-picker-wrapper')
    expect(await zones.count()).toBeGreaterThan(0)
    for (const zone of await zones.all()) expect(await zone.isVisible()).toBe(false)

    const editor = page.locator('.rich-text-lexical .ContentEditable__root').first()
    const fontFamily = await editor.evaluate((element) => getComputedStyle(element).fontFamily)
    expect(fontFamily).toMatch(/Hiragino Sans.*Noto Sans JP.*sans-serif$/)
    expect(fontFamily).not.toMatch(/Georgia/)
  })

  it('refuses the API view of a report when its address is typed', async () => {
    const id = await draftReport(writer, 'iPhone 7 バッテリー交換（API）')
    const response = await page.goto(`${reportUrl(id)}/api`)
    expect(response?.status()).toBe(403)
    expect(await page.locator('body').innerText()).toContain('本部と管理者だけ')
  })

  it('a new report says in Japanese where to write the body', async () => {
    await page.goto(`${app.baseUrl}/admin/collections/repair-logs/create`)
    const placeholder = page.getByText('本文を入力（「/」でブロックを追加）')
    await expect.poll(() => placeholder.isVisible(), { timeout: 30_000 }).toBe(true)
  })

  it('a report a colleague is editing opens read-only or not at all: there is no take-over button', async () => {
    const id = await draftReport(writer, 'iPhone 7 バッテリー交換（編集中）')
    // The colleague opens the report and types: Payload locks it in their name.
    const colleaguePage = await app.newPage()
    await signIn(colleaguePage, app.baseUrl, colleague.email, colleague.password)
    await colleaguePage.goto(reportUrl(id))
    await expect.poll(() => colleaguePage.locator('#field-title').isEditable(), { timeout: 30_000 }).toBe(true)
    await colleaguePage.locator('#field-title').fill('iPhone 7 バッテリー交換（二郎が編集中）')
    const locksOnReport = async () => {
      const { docs } = await (await app.api('/api/payload-locked-documents?depth=0', { token: writer.token })).json()
      return docs.filter((lock: { document?: { value?: unknown } }) => String(lock.document?.value) === String(id))
        .length
    }
    await expect.poll(locksOnReport, { timeout: 30_000 }).toBe(1)

    await page.goto(reportUrl(id))
    const readOnly = page.locator('#document-locked-view-read-only')
    await expect.poll(() => readOnly.isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await page.locator('#document-locked-take-over').count()).toBe(1)
    expect(await page.locator('#document-locked-take-over').isVisible()).toBe(false)

    await readOnly.click()
    await expect.poll(() => page.locator('#take-over').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.locator('#take-over').isVisible()).toBe(false)
    await colleaguePage.close()
  })

  it('sets up the second factor with the key in groups of four and keeps the recovery codes by copy or download', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl })
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText())
    await page.goto(`${app.baseUrl}/admin/second-factor`)
    await page.getByRole('button', { name: '設定を始める' }).click()
    const key = page.getByTestId('totp-secret')
    await expect.poll(() => key.count(), { timeout: 15_000 }).toBe(1)

    const secret = (await key.textContent()) ?? ''
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(await key.locator('span').allInnerTexts()).toEqual(secret.match(/.{4}/g))
    await page.getByRole('button', { name: 'キーをコピー' }).click()
    await expect.poll(clipboard).toBe(secret)

    await page.locator('input[name="code"]').fill(totpCode(secret))
    await page.getByRole('button', { name: '確認して有効にする' }).click()
    const codeList = page.getByTestId('recovery-codes').locator('li')
    await expect.poll(() => codeList.count(), { timeout: 15_000 }).toBe(10)
    const codes = (await codeList.allInnerTexts()).map((code) => code.trim())

    await page.getByRole('button', { name: 'コピー', exact: true }).click()
    await expect.poll(clipboard).toBe(codes.join('\n'))
    expect(await page.locator('.second-factor [role="status"]').innerText()).toBe('コピーしました')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'テキストファイルで保存' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('recovery-codes.txt')
    const saved = readFileSync((await download.path())!, 'utf8')
    for (const code of codes) expect(saved.split('\r\n')).toContain(code)
    expect(saved).toContain(writer.email)
  })
})
