import type { Page, Request } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type RunningApp, signIn, startApp } from './app'

let app: RunningApp
let page: Page
let adminToken: string
let staff: { id: string; email: string; password: string; token: string }
let sagaStoreId: string
let otherStoreId: string

/** A draft article of `store`, written over the API by `token`'s user. */
const draftArticle = async (token: string, store: string, title: string): Promise<string> => {
  const response = await app.api('/api/articles?draft=true', {
    method: 'POST',
    token,
    json: { title, store, _status: 'draft' },
  })
  expect(response.status, title).toBe(201)
  return (await response.json()).doc.id
}

/** Who holds the edit lock of an article, as the admin's REST client reads it. */
const lockHolders = async (article: string): Promise<string[]> => {
  const response = await app.api(`/api/payload-locked-documents?where[document.value][equals]=${article}&depth=0`, {
    token: adminToken,
  })
  const { docs } = await response.json()
  return docs.map((lock: { user: { value: string } }) => String(lock.user.value))
}

/** Headers a page may set on its own fetch (the browser adds cookies, origin and the sec-fetch ones itself). */
const replayableHeaders = (request: Request) =>
  Object.fromEntries(
    Object.entries(request.headers()).filter(([name]) =>
      ['accept', 'content-type', 'next-action', 'next-router-state-tree'].includes(name),
    ),
  )

/**
 * Sends, from the signed-in page, the server-function call the admin made for `editedId` (`captured`), with that
 * document's ID replaced by `documentId`: what a member of staff can do from the browser's console.
 */
const replayForOtherDocument = async (captured: Request, editedId: string, documentId: string) =>
  page.evaluate(
    async ({ url, headers, body }) => {
      const response = await fetch(url, { method: 'POST', headers, body })
      return { status: response.status, body: await response.text() }
    },
    {
      url: captured.url(),
      headers: replayableHeaders(captured),
      body: captured.postData()!.replaceAll(editedId, documentId),
    },
  )

beforeAll(async () => {
  app = await startApp()
  adminToken = await app.login(app.admin.email, app.admin.password)
  sagaStoreId = (await (await app.api('/api/stores?where[slug][equals]=saga')).json()).docs[0].id
  const other = await app.api('/api/stores', {
    method: 'POST',
    token: adminToken,
    json: {
      name: '神田店',
      slug: 'kanda',
      status: 'open',
      postalCode: '101-0047',
      prefecture: 'tokyo',
      city: '千代田区',
      addressLine: '内神田1-1',
      phone: '03-1234-5678',
    },
  })
  expect(other.status).toBe(201)
  otherStoreId = (await other.json()).doc.id
  const password = `e2e-${Math.random().toString(36).slice(2)}-staff-passphrase`
  const email = 'e2e.lock.saga@example.com'
  const created = await app.api('/api/users', {
    method: 'POST',
    token: adminToken,
    json: { email, password, name: '佐賀 次郎', role: 'staff', stores: [sagaStoreId] },
  })
  expect(created.status).toBe(201)
  staff = { id: (await created.json()).doc.id, email, password, token: await app.login(email, password) }
  page = await app.newPage()
  // Leaving a form with unsaved edits asks first; the tests leave on purpose.
  page.on('dialog', (dialog) => void dialog.accept())
  await signIn(page, app.baseUrl, staff.email, staff.password)
})
afterAll(async () => {
  await app?.stop()
})

describe('the admin’s server functions in the browser', () => {
  it('lock the staff’s own post while they edit it, and refuse the same call forged for another store’s post', async () => {
    const own = await draftArticle(staff.token, sagaStoreId, '佐賀店の下書き')
    const ownSecond = await draftArticle(staff.token, sagaStoreId, '佐賀店の下書き（二）')
    const kanda = await draftArticle(adminToken, otherStoreId, '神田店の下書き')

    // Editing takes the lock through the form-state server function.
    await page.goto(`${app.baseUrl}/admin/collections/articles/${own}`)
    const formState = page.waitForRequest(
      (request) =>
        request.method() === 'POST' &&
        Boolean(request.headers()['next-action']) &&
        (request.postData() ?? '').includes('"returnLockStatus":true'),
      { timeout: 60_000 },
    )
    await page.locator('#field-title').click()
    await page.keyboard.type(' 編集中')
    const captured = await formState
    await expect.poll(() => lockHolders(own), { timeout: 15_000 }).toEqual([staff.id])

    // The replayed call reaches Payload: for another of their own posts it takes the lock...
    await replayForOtherDocument(captured, own, ownSecond)
    await expect.poll(() => lockHolders(ownSecond), { timeout: 15_000 }).toEqual([staff.id])

    // ...and for another store's post it is refused: no lock, and that store's save goes through.
    await replayForOtherDocument(captured, own, kanda)
    expect(await lockHolders(kanda)).toEqual([])
    const save = await app.api(`/api/articles/${kanda}?draft=true`, {
      method: 'PATCH',
      token: adminToken,
      json: { title: '神田店の下書き（更新）' },
    })
    expect(save.status).toBe(200)
  })

  it('still schedule a publish of the staff’s own post from the publish menu', async () => {
    const own = await draftArticle(staff.token, sagaStoreId, '佐賀店の予約記事')
    const publishAt = new Date(Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000)
    const typed = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' })
      .format(publishAt)
      .replaceAll('-', '/')
    await page.goto(`${app.baseUrl}/admin/collections/articles/${own}`)
    await page.locator('.publish-button .popup-button, #action-save ~ .popup .popup-button').first().click()
    await page.getByRole('button', { name: 'スケジュール公開' }).click()
    await page.getByText('公開する', { exact: true }).click()
    await page.locator('#time input').fill(typed)
    await page.keyboard.press('Enter')
    await page.locator('#scheduled-publish-save').click()
    await expect
      .poll(() => page.locator('.schedule-publish__upcoming').textContent(), { timeout: 15_000 })
      .toContain('公開する')
  })
})
