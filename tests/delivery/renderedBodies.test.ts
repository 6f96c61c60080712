import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { renderMissingBodies } from '../../src/lib/storedBodies'
import { ownOtherStoresAndDevice, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { startServer, type TestServer } from '../helpers/server'

/**
 * Frontends that are not React read each article and repair report's body as HTML and as plain text with the
 * document: stored at every save (drafts and published versions each their own), escaped by our converters,
 * never carrying script.
 */

let server: TestServer
let store: string
let device: string
let staff: SignedInUser
let picture: string

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  version: 1,
})
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})
const body = (...blocks: unknown[]) => ({ root: element('root', blocks) })

/** A body as staff write it, with everything that must be escaped: markup typed as text, quotes, ampersands. */
const ATTEMPT = '<script>alert(document.cookie)</script>'
const bodyOf = (heading: string) =>
  body(
    element('heading', [text(heading)], { tag: 'h2' }),
    element('paragraph', [text(`画面に ${ATTEMPT} と "引用" & `), text('太字', 1)]),
    element('paragraph', [
      element('link', [text('予約')], {
        fields: { url: 'https://example.com/book?store=1&menu=2', linkType: 'custom', newTab: true },
      }),
    ]),
  )

const publishedArticle = async (heading: string, extra: Record<string, unknown> = {}) => {
  const response = await server.request('/api/articles', {
    method: 'POST',
    token: staff.token,
    json: { title: heading, category: 'iphone_tips', store, body: bodyOf(heading), _status: 'published', ...extra },
  })
  expect(response.status, await response.clone().text()).toBe(201)
  return String((await response.json()).doc.id)
}

const anonymousRead = async (collection: string, id: string) => {
  const response = await server.request(`/api/${collection}/${id}?depth=0`)
  expect(response.status).toBe(200)
  return (await response.json()) as { bodyHtml: string; bodyText: string }
}

beforeAll(async () => {
  server = await startServer()
  ;({ own: store, device } = await ownOtherStoresAndDevice(server.payload))
  staff = await signedInUser(server, 'staff', [store])
  const image = await pngImage()
  picture = String(
    (
      await server.payload.create({
        collection: 'media',
        data: { alt: '交換後の "画面"' },
        file: { data: image, mimetype: 'image/png', name: 'after.png', size: image.length },
        overrideAccess: true,
      })
    ).id,
  )
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('an article read over REST', () => {
  it('carries its body as HTML that escapes what staff typed and keeps the formatting, links and headings', async () => {
    const id = await publishedArticle('修理のご案内')
    const { bodyHtml } = await anonymousRead('articles', id)
    expect(bodyHtml).toBe(
      '<h2>修理のご案内</h2>' +
        '<p>画面に &lt;script&gt;alert(document.cookie)&lt;/script&gt; と &quot;引用&quot; &amp; <strong>太字</strong></p>' +
        '<p><a href="https://example.com/book?store=1&amp;menu=2" target="_blank" rel="noopener noreferrer">予約</a></p>',
    )
    expect(bodyHtml).not.toMatch(/<script/i)
    // Stored with the save, not made by the read.
    expect(
      (
        await server.payload.db.findOne<{ id: string; bodyHtml: null | string }>({
          collection: 'articles',
          where: { id: { equals: id } },
        })
      )?.bodyHtml,
    ).toBe(bodyHtml)
  })

  it('carries its body as plain text: the words as typed, blocks apart, no markup added', async () => {
    const { bodyText } = await anonymousRead('articles', await publishedArticle('バッテリー交換'))
    expect(bodyText).toBe(`バッテリー交換\n\n画面に ${ATTEMPT} と "引用" & 太字\n\n予約`)
  })

  it('shows the pictures of the body from the media library, their text escaped', async () => {
    const id = await publishedArticle('写真つき', {
      body: body(element('paragraph', [text('交換後:')]), {
        type: 'upload',
        relationTo: 'media',
        value: picture,
        fields: null,
        format: '',
        version: 3,
      }),
    })
    const { bodyHtml } = await anonymousRead('articles', id)
    // The hero size, at the absolute URL a frontend on another origin uses as it comes.
    const { sizes } = await server.payload.findByID({ collection: 'media', id: picture })
    expect(sizes?.hero?.url).toMatch(/^http:\/\/[^/]+\/api\/media\/file\/after[^"]*\.webp$/)
    expect(bodyHtml).toBe(`<p>交換後:</p><img src="${sizes?.hero?.url}" alt="交換後の &quot;画面&quot;">`)
  })

  it('shows the new file and text of a picture that changed, never a file that is gone', async () => {
    const image = await pngImage()
    const shown = await server.payload.create({
      collection: 'media',
      data: { alt: '交換前' },
      file: { data: image, mimetype: 'image/png', name: 'before.png', size: image.length },
      overrideAccess: true,
    })
    const id = await publishedArticle('差し替える写真', {
      body: body({ type: 'upload', relationTo: 'media', value: shown.id, fields: null, format: '', version: 3 }),
    })
    const oldHtml = (await anonymousRead('articles', id)).bodyHtml
    expect(oldHtml).toContain(String(shown.sizes?.hero?.url))

    const replacement = await pngImage(80, 60)
    const replaced = await server.payload.update({
      collection: 'media',
      id: shown.id,
      data: { alt: '交換後' },
      file: { data: replacement, mimetype: 'image/png', name: 'before.png', size: replacement.length },
      overrideAccess: true,
    })
    expect(replaced.url).not.toBe(shown.url)
    const { bodyHtml } = await anonymousRead('articles', id)
    expect(bodyHtml).toContain(String(replaced.sizes?.hero?.url))
    expect(bodyHtml).toContain('alt="交換後"')
    expect(bodyHtml).not.toContain(String(shown.sizes?.hero?.url))
  })

  it('replaces HTML and text a client sends with the rendering of the body', async () => {
    const id = await publishedArticle('送られたHTML', { bodyHtml: `<p>${ATTEMPT}</p>`, bodyText: 'ほかの本文' })
    const { bodyHtml, bodyText } = await anonymousRead('articles', id)
    expect(bodyHtml).not.toMatch(/<script/i)
    expect(bodyText).toMatch(/^送られたHTML\n\n/)
  })
})

describe('when the body changes', () => {
  it('both change with it; a draft carries its own while the public reads the published one', async () => {
    const id = await publishedArticle('変更前の見出し')
    const draft = await server.request(`/api/articles/${id}?draft=true`, {
      method: 'PATCH',
      token: staff.token,
      json: { body: bodyOf('下書きの見出し') },
    })
    expect(draft.status).toBe(200)
    const published = await anonymousRead('articles', id)
    expect(published.bodyHtml).toMatch(/^<h2>変更前の見出し<\/h2>/)
    const ownDraft = await (
      await server.request(`/api/articles/${id}?draft=true&depth=0`, { token: staff.token })
    ).json()
    expect(ownDraft.bodyHtml).toMatch(/^<h2>下書きの見出し<\/h2>/)
    expect(ownDraft.bodyText).toMatch(/^下書きの見出し\n\n/)

    const publish = await server.request(`/api/articles/${id}`, {
      method: 'PATCH',
      token: staff.token,
      json: { _status: 'published' },
    })
    expect(publish.status).toBe(200)
    const after = await anonymousRead('articles', id)
    expect(after.bodyHtml).toMatch(/^<h2>下書きの見出し<\/h2>/)
    expect(after.bodyText).toMatch(/^下書きの見出し\n\n/)
    expect(after.bodyText).not.toContain('変更前')
  })

  it('a change of another field keeps them', async () => {
    const id = await publishedArticle('題名だけ変わる')
    const before = await anonymousRead('articles', id)
    const response = await server.request(`/api/articles/${id}`, {
      method: 'PATCH',
      token: staff.token,
      json: { title: '新しい題名' },
    })
    expect(response.status).toBe(200)
    expect(await anonymousRead('articles', id)).toMatchObject({ bodyHtml: before.bodyHtml, bodyText: before.bodyText })
  })
})

describe('a repair report', () => {
  it('carries both over REST and GraphQL alike', async () => {
    const response = await server.request('/api/repair-logs', {
      method: 'POST',
      token: staff.token,
      json: {
        title: '画面割れ',
        store,
        device,
        repairMenu: 'screen',
        body: bodyOf('画面割れの修理'),
        _status: 'published',
      },
    })
    expect(response.status, await response.clone().text()).toBe(201)
    const id = String((await response.json()).doc.id)
    const rest = await anonymousRead('repair-logs', id)
    expect(rest.bodyHtml).toMatch(/^<h2>画面割れの修理<\/h2><p>画面に &lt;script&gt;/)
    expect(rest.bodyText).toMatch(/^画面割れの修理\n\n画面に <script>/)

    const { body: answer } = await server.graphql<{
      RepairLog: typeof rest
      RepairLogs: { docs: Array<typeof rest & { id: string }> }
    }>(
      'query ($id: String!) { RepairLog(id: $id) { bodyHtml bodyText } RepairLogs(limit: 50) { docs { id bodyHtml bodyText } } }',
      { variables: { id } },
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data?.RepairLog).toEqual({ bodyHtml: rest.bodyHtml, bodyText: rest.bodyText })
    expect(answer.data?.RepairLogs.docs.find((doc) => doc.id === id)).toEqual({
      id,
      bodyHtml: rest.bodyHtml,
      bodyText: rest.bodyText,
    })
  })
})

describe('a post saved before bodies were rendered', () => {
  it('gets both rendered when read, the same as a save would store', async () => {
    const id = await publishedArticle('古い記事')
    const stored = await anonymousRead('articles', id)
    await server.payload.db.updateOne({ collection: 'articles', id, data: { bodyHtml: null, bodyText: null } })
    expect(
      (
        await server.payload.db.findOne<{ id: string; bodyHtml: null | string }>({
          collection: 'articles',
          where: { id: { equals: id } },
        })
      )?.bodyHtml,
    ).toBeNull()
    expect(await anonymousRead('articles', id)).toMatchObject({ bodyHtml: stored.bodyHtml, bodyText: stored.bodyText })
    const { body: answer } = await server.graphql('query ($id: String!) { Article(id: $id) { bodyHtml bodyText } }', {
      variables: { id },
    })
    expect(answer.data).toEqual({ Article: { bodyHtml: stored.bodyHtml, bodyText: stored.bodyText } })
  })

  it('gets both stored by the data step on start, without a new version', async () => {
    const id = await publishedArticle('起動時に描く記事')
    const stored = await anonymousRead('articles', id)
    const versions = (
      await server.payload.countVersions({
        collection: 'articles',
        where: { parent: { equals: id } },
        overrideAccess: true,
      })
    ).totalDocs
    await server.payload.db.updateOne({ collection: 'articles', id, data: { bodyHtml: null, bodyText: null } })
    await renderMissingBodies(server.payload)
    const row = await server.payload.db.findOne<{ id: string; bodyHtml: null | string; bodyText: null | string }>({
      collection: 'articles',
      where: { id: { equals: id } },
    })
    expect(row).toMatchObject({ bodyHtml: stored.bodyHtml, bodyText: stored.bodyText })
    expect(
      (
        await server.payload.countVersions({
          collection: 'articles',
          where: { parent: { equals: id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(versions)
  })
})
