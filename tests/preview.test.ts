import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { createUser } from './helpers/payload'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let draftId: string
let token: string

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload)
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
    expect(html).toContain('バッテリーを交換しました。<br />持ちが良くなりました。')
  })

  it('never shows a draft to the public', async () => {
    expect((await server.request(`/preview/repair-logs/${draftId}`)).status).toBe(404)
  })

  it('shows a published post to anyone, with its JST date', async () => {
    const { docs } = await server.payload.find({ collection: 'articles', where: { slug: { equals: '2019-07-18-7pay' } } })
    const response = await server.request(`/preview/articles/${docs[0].id}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('[2019.07.18] スマホスピタル佐賀駅前店')
    expect(html).not.toContain('下書きのプレビューです')
  })

  it('answers 404 for collections that have no preview', async () => {
    expect((await server.request(`/preview/users/${draftId}`, { token })).status).toBe(404)
  })
})
