import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { SCRIPT_FREE_POLICY } from '../src/server/securityHeaders'
import { pngImage, uploadForm } from './helpers/images'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'
import { writeBodyUnchecked } from './helpers/uncheckedBody'

let server: TestServer
let draftId: string
let token: string
let sagaStoreId: string

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const [{ docs: stores }, { docs: devices }] = await Promise.all([
    server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } }),
    server.payload.find({ collection: 'devices', where: { slug: { equals: 'iphone-8' } } }),
  ])
  const draft = await server.payload.create({
    collection: 'repair-logs',
    draft: true,
    data: {
      title: 'プレビュー用の下書き <script>alert(1)</script>',
      store: stores[0].id,
      device: devices[0].id,
      repairMenu: 'battery',
      symptom: '電池の減りが早い',
      body: plainTextToLexical([['バッテリーを交換しました。', '持ちが良くなりました。']]),
      _status: 'draft',
    },
  })
  draftId = draft.id
  sagaStoreId = stores[0].id
  const admin = await createUser(server.payload, 'admin')
  token = await server.login(admin.email, admin.password)
})
afterAll(async () => {
  await server?.stop()
})

describe('the post preview', () => {
  it('shows a signed-in user how a draft reads, escaped, with its device, menu and body', async () => {
    const response = await server.request(`/preview/repair-logs/${draftId}`, { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const html = await response.text()
    expect(html).toContain('下書きのプレビューです')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('iPhone 8 · バッテリー交換')
    expect(html).toContain('<article><p>バッテリーを交換しました。<br>持ちが良くなりました。</p></article>')
  })

  it('never shows a draft to the public', async () => {
    expect((await server.request(`/preview/repair-logs/${draftId}`)).status).toBe(404)
  })

  it('shows a published post to anyone, with its JST date', async () => {
    const { docs } = await server.payload.find({
      collection: 'articles',
      where: { slug: { equals: '2019-07-18-7pay' } },
    })
    const response = await server.request(`/preview/articles/${docs[0].id}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('[2019.07.18] スマホスピタル佐賀駅前店')
    expect(html).not.toContain('下書きのプレビューです')
  })

  it('carries a policy under which no script runs at all', async () => {
    const response = await server.request(`/preview/repair-logs/${draftId}`, { token })
    expect(response.headers.get('content-security-policy')).toBe(SCRIPT_FREE_POLICY)
    expect(SCRIPT_FREE_POLICY).toContain("script-src 'none'")
  })

  it('shows pictures placed in the body from the media library, with their alt text', async () => {
    const upload = await server.request('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(await pngImage(), 'battery.png', 'image/png', { alt: '膨らんだ "バッテリー"' }),
    })
    const { doc: picture } = await upload.json()
    const body = plainTextToLexical([['交換前のバッテリーです。']]) as { root: { children: unknown[] } }
    body.root.children.push({
      type: 'upload',
      relationTo: 'media',
      value: picture.id,
      fields: null,
      format: '',
      version: 3,
    })
    const updated = await server.request(`/api/repair-logs/${draftId}?draft=true`, {
      method: 'PATCH',
      token,
      json: { body },
    })
    expect(updated.status).toBe(200)
    const html = await (await server.request(`/preview/repair-logs/${draftId}`, { token })).text()
    expect(html).toContain(
      `<p>交換前のバッテリーです。</p><img src="${picture.sizes.hero.url ?? picture.url}" alt="膨らんだ &quot;バッテリー&quot;">`,
    )
  })

  it('shows a body stored before bodies were checked as a notice naming the problem, never as markup', async () => {
    const { id } = await server.payload.create({
      collection: 'articles',
      draft: true,
      data: { title: '古い下書き', store: sagaStoreId, body: plainTextToLexical([['古い本文']]), _status: 'draft' },
    })
    await writeBodyUnchecked(server.payload, 'articles', id, {
      root: { type: 'root', children: [{ type: 'html', html: '<script>alert(1)</script>', version: 1 }] },
    })
    const html = await (await server.request(`/preview/articles/${id}`, { token })).text()
    expect(html).toContain(
      '<article><p class="refused">本文を表示できません: 本文にエディターで作れない要素「html」があります。<br>The body cannot be shown: The body holds a &quot;html&quot; element, which the editor cannot make.</p></article>',
    )
    expect(html).not.toContain('<script>')
  })

  it('answers 404 for collections that have no preview', async () => {
    expect((await server.request(`/preview/users/${draftId}`, { token })).status).toBe(404)
  })
})
