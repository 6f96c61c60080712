import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStores, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

/**
 * Every shop site has the same pages (src/lib/sitePaths.ts): a body links to a store, an article or a repair
 * report of the chain, and its stored HTML points at that page's site path, kept in step with the page's slug,
 * store and publication.
 */

let server: TestServer
let saga: string
let kashima: string
let staff: SignedInUser

const PUBLISHED_AT = '2026-04-01T00:00:00+09:00'
const text = (value: string) => ({
  type: 'text',
  text: value,
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (...children: unknown[]) => ({
  type: 'paragraph',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
})
const body = (...blocks: unknown[]) => ({
  root: { type: 'root', children: blocks, direction: 'ltr', format: '', indent: 0, version: 1 },
})

/** An internal link as the editor saves it (LinkNode.exportJSON drops the address of an internal link). */
const internalLink = (relationTo: string, value: unknown, words = '詳しくはこちら') => ({
  type: 'link',
  children: [text(words)],
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 3,
  id: '67f1c0ffee0000000000abcd',
  fields: { linkType: 'internal', newTab: false, doc: { relationTo, value } },
})

const linkingBody = (relationTo: string, id: string) =>
  body(paragraph(text('前回の記事: '), internalLink(relationTo, id)))

const create = async (collection: string, data: Record<string, unknown>) => {
  const response = await server.request(`/api/${collection}`, {
    method: 'POST',
    token: staff.token,
    json: { store: saga, publishedAt: PUBLISHED_AT, ...data },
  })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()).doc as { id: string; slug: string; sitePath: string }
}

const article = (slug: string, extra: Record<string, unknown> = {}) =>
  create('articles', {
    title: slug,
    slug,
    category: 'news',
    body: body(paragraph(text('本文'))),
    _status: 'published',
    ...extra,
  })

const bodyHtmlOf = async (collection: string, id: string) => {
  const response = await server.request(`/api/${collection}/${id}?select[bodyHtml]=true`)
  expect(response.status).toBe(200)
  return (await response.json()).bodyHtml as string
}

beforeAll(async () => {
  server = await startServer()
  ;({ saga, kashima } = await createStores(server.payload, { saga: '佐賀店', kashima: '鹿島店' }))
  staff = await signedInUser(server, 'staff', [saga, kashima])
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('site paths', () => {
  it('are read-only fields of stores, articles and repair reports, over REST and GraphQL', async () => {
    const target = await article('screen-guide')
    expect(target.sitePath).toBe('/stores/saga/articles/screen-guide')
    const store = await (await server.request(`/api/stores/${saga}`)).json()
    expect(store.sitePath).toBe('/stores/saga/')
    const { body: answer } = await server.graphql(
      `{ Article(id: "${target.id}") { sitePath } Store(id: "${saga}") { sitePath } }`,
    )
    expect(answer.data).toEqual({
      Article: { sitePath: '/stores/saga/articles/screen-guide' },
      Store: { sitePath: '/stores/saga/' },
    })
    const device = (
      await server.payload.create({
        collection: 'devices',
        data: { brand: 'apple', model: 'iPhone 0', releaseYear: 2020 },
        overrideAccess: true,
      })
    ).id
    const report = await create('repair-logs', {
      title: 'r',
      slug: 'battery-report',
      device,
      repairMenu: 'battery',
      body: body(paragraph(text('交換'))),
      _status: 'published',
    })
    expect(report.sitePath).toBe('/stores/saga/repairs/battery-report')
  })

  it('are read when selected alone, without the slug and store they are made of', async () => {
    const target = await article('selected-alone')
    const read = await (await server.request(`/api/articles/${target.id}?select[sitePath]=true`)).json()
    expect(read).toEqual({ id: target.id, sitePath: '/stores/saga/articles/selected-alone' })
    const { body: answer } = await server.graphql(
      `{ Articles(where: { id: { equals: "${target.id}" } }, select: true) { docs { sitePath } } }`,
    )
    expect(answer.data.Articles.docs).toEqual([{ sitePath: '/stores/saga/articles/selected-alone' }])
  })

  it('are not stored, so a query or sort by them is refused with 400, never a 500', async () => {
    expect((await server.request('/api/articles?where[sitePath][equals]=/stores/saga/')).status).toBe(400)
    expect((await server.request('/api/stores?sort=sitePath')).status).toBe(400)
  })

  it('ignore what a client sends for them', async () => {
    const target = await article('not-chosen', { sitePath: '/elsewhere' })
    expect(target.sitePath).toBe('/stores/saga/articles/not-chosen')
  })
})

describe('a body linking to a page of the chain', () => {
  it('renders the link as the site path, over REST and GraphQL', async () => {
    const target = await article('battery-tips')
    const linking = await article('linking-one', { body: linkingBody('articles', target.id) })
    const expected = '<p>前回の記事: <a href="/stores/saga/articles/battery-tips">詳しくはこちら</a></p>'
    expect(await bodyHtmlOf('articles', linking.id)).toBe(expected)
    const { body: answer } = await server.graphql(`{ Article(id: "${linking.id}") { bodyHtml } }`)
    expect(answer.data.Article.bodyHtml).toBe(expected)
    const toStore = await article('linking-store', { body: linkingBody('stores', saga) })
    expect(await bodyHtmlOf('articles', toStore.id)).toContain('<a href="/stores/saga/">')
  })

  it('follows the linked article to its new slug', async () => {
    const target = await article('old-slug')
    const linking = await article('linking-two', { body: linkingBody('articles', target.id) })
    await server.payload.update({
      collection: 'articles',
      id: target.id,
      data: { slug: 'new-slug' },
      overrideAccess: true,
    })
    expect(await bodyHtmlOf('articles', linking.id)).toContain('<a href="/stores/saga/articles/new-slug">')
  })

  it('follows the store of the linked article to its new slug', async () => {
    const target = await article('in-kashima', { store: kashima })
    const linking = await article('linking-three', { body: linkingBody('articles', target.id) })
    expect(await bodyHtmlOf('articles', linking.id)).toContain('<a href="/stores/kashima/articles/in-kashima">')
    await server.payload.update({
      collection: 'stores',
      id: kashima,
      data: { slug: 'kashima-ekimae' },
      overrideAccess: true,
    })
    expect(await bodyHtmlOf('articles', linking.id)).toContain('<a href="/stores/kashima-ekimae/articles/in-kashima">')
  })

  it('renders plain words for an unpublished page, and once the page is unpublished', async () => {
    const draft = await article('only-a-draft', { _status: 'draft' })
    const toDraft = await article('linking-draft', { body: linkingBody('articles', draft.id) })
    expect(await bodyHtmlOf('articles', toDraft.id)).toBe('<p>前回の記事: 詳しくはこちら</p>')

    const target = await article('soon-unpublished')
    const linking = await article('linking-four', { body: linkingBody('articles', target.id) })
    expect(await bodyHtmlOf('articles', linking.id)).toContain('href=')
    await server.payload.update({
      collection: 'articles',
      id: target.id,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    expect(await bodyHtmlOf('articles', linking.id)).toBe('<p>前回の記事: 詳しくはこちら</p>')
  })

  it('keeps the linked page from being deleted, so no stored link points at a page that is gone', async () => {
    const target = await article('kept')
    await article('linking-five', { body: linkingBody('articles', target.id) })
    const hq = await signedInUser(server, 'hq')
    expect((await server.request(`/api/articles/${target.id}`, { method: 'DELETE', token: hq.token })).status).toBe(409)
  })

  it('is refused when it links to another collection, or is malformed', async () => {
    const { id } = await article('a-real-target')
    const accepted = await article('accepted-link', { body: linkingBody('articles', id) })
    expect(accepted.id).toBeTruthy()
    const refusals = [
      body(paragraph(internalLink('users', staff.id))),
      body(paragraph(internalLink('articles', '../users'))),
      body(paragraph(internalLink('articles', { title: 'no id' }))),
      body(paragraph({ ...internalLink('articles', id), fields: { linkType: 'internal', newTab: false } })),
      body(
        paragraph({
          ...internalLink('articles', id),
          fields: { linkType: 'internal', url: 'https://example.com', doc: { relationTo: 'articles', value: id } },
        }),
      ),
      body(
        paragraph({
          ...internalLink('articles', id),
          fields: { linkType: 'custom', url: 'https://example.com', doc: { relationTo: 'articles', value: id } },
        }),
      ),
    ]
    for (const refused of refusals) {
      const response = await server.request('/api/articles', {
        method: 'POST',
        token: staff.token,
        json: { title: 't', category: 'news', store: saga, publishedAt: PUBLISHED_AT, body: refused },
      })
      expect(response.status, JSON.stringify(refused.root.children[0])).toBe(400)
      // Refused by the body's vocabulary (src/lib/richText/vocabulary.ts), naming the link.
      expect(await response.text()).toMatch(/「link」要素の「(doc|fields)」/)
    }
  })
})
