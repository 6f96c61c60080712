/**
 * Attack class: rich text that the editor cannot make. A body sent over REST or GraphQL can hold any node JSON;
 * on the earlier main branch Payload stored node types the editor lacks (drafts skip validation altogether), the
 * preview rendered them with Payload's default HTML converters (a table cell writes its header state into an
 * attribute unescaped; an upload node outside the media library keeps the URL it was sent with), and the CSP
 * allowed inline script: a staff draft ran script in HQ's signed-in browser. Each case replays one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'
import { writeBodyUnchecked } from '../helpers/uncheckedBody'

let server: TestServer
let store: string
/** Staff of a store, who writes the drafts: the attacker. */
let staff: SignedInUser
/** HQ, who opens the preview of a store's draft: the victim. */
let hq: SignedInUser

const SCRIPT = 'alert(document.cookie)'
const text = (value: string) => ({
  type: 'text',
  text: value,
  detail: 0,
  format: 0,
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

/** Bodies an attacker sends; none of them can come out of the editor. */
const ATTACK_BODIES = {
  'a made-up node type': body(element('paragraph', [text('本文')]), {
    type: 'made-up-widget',
    version: 1,
    markup: `<img src=x onerror="${SCRIPT}">`,
  }),
  'an html node carrying a script': body({ type: 'html', html: `<script>${SCRIPT}</script>`, version: 1 }),
  'a link to a javascript: URL': body(
    element('paragraph', [
      element('link', [text('詳しくはこちら')], {
        fields: { url: `javascript:${SCRIPT}`, linkType: 'custom', newTab: false },
      }),
    ]),
  ),
  // Payload's table converter writes `lexical-table-cell-header-${headerState}` into the class attribute unescaped.
  'a table cell whose header state breaks out of its attribute': body(
    element('table', [
      element('tablerow', [
        element('tablecell', [element('paragraph', [text('セル')])], {
          headerState: `0" tabindex="0" autofocus onfocus="${SCRIPT}" x="`,
          colSpan: 1,
          rowSpan: 1,
        }),
      ]),
    ]),
  ),
  // Outside the media library the upload node is never populated, so the converter links to the URL it was sent with.
  'an upload from outside the media library linking to javascript:': body({
    type: 'upload',
    relationTo: 'users',
    value: { id: 'x', url: `javascript:${SCRIPT}`, mimeType: 'application/pdf', filename: '修理マニュアル.pdf' },
    fields: null,
    format: '',
    version: 3,
  }),
}
type AttackName = keyof typeof ATTACK_BODIES
const ATTACKS = Object.keys(ATTACK_BODIES) as AttackName[]

/** Markup that runs script in a browser: script elements, event-handler attributes, script URLs, plug-in frames. */
const EXECUTABLE_MARKUP = [
  /<script\b/i,
  /\son[a-z]+\s*=/i,
  /\b(?:href|src|action|formaction|srcset)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i,
  /<(?:iframe|object|embed)\b/i,
]
const executableMarkupIn = (html: string) => EXECUTABLE_MARKUP.filter((pattern) => pattern.test(html)).map(String)

type ErrorBody = { errors?: Array<{ data?: { errors?: Array<{ path: string; message: string }> } }> }
const fieldErrorPaths = (answer: ErrorBody) =>
  (answer.errors ?? []).flatMap((error) => error.data?.errors ?? []).map((error) => error.path)

const draftData = (title: string, articleBody: unknown) => ({
  title,
  category: 'iphone_tips',
  store,
  body: articleBody,
  _status: 'draft',
})

/** A valid draft of the staff's store, written through the Local API. */
const validDraft = async (title: string) =>
  String(
    (
      await server.payload.create({
        collection: 'articles',
        data: draftData(title, plainTextToLexical([['下書き']])) as never,
        draft: true,
        overrideAccess: true,
      })
    ).id,
  )

beforeAll(async () => {
  server = await startServer()
  store = (await ownOtherStoresAndDevice(server.payload)).own
  ;[staff, hq] = await Promise.all([signedInUser(server, 'staff', [store]), signedInUser(server, 'hq')])
})
afterAll(async () => {
  await server?.stop()
})

describe.each(ATTACKS)('a body holding %s', (attack) => {
  it('is refused over REST create with 400 naming the body, and nothing is stored', async () => {
    const before = (await server.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs
    const response = await server.request('/api/articles?draft=true', {
      method: 'POST',
      token: staff.token,
      json: draftData('攻撃の下書き', ATTACK_BODIES[attack]),
    })
    const answer = await response.json()
    expect({ status: response.status, fields: fieldErrorPaths(answer) }, JSON.stringify(answer)).toEqual({
      status: 400,
      fields: ['body'],
    })
    expect((await server.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(before)
  })

  it('is refused over REST update with 400 naming the body, and the draft keeps its body', async () => {
    const id = await validDraft('更新される下書き')
    const response = await server.request(`/api/articles/${id}?draft=true`, {
      method: 'PATCH',
      token: staff.token,
      json: { body: ATTACK_BODIES[attack] },
    })
    const answer = await response.json()
    expect({ status: response.status, fields: fieldErrorPaths(answer) }, JSON.stringify(answer)).toEqual({
      status: 400,
      fields: ['body'],
    })
    const stored = await server.payload.findByID({ collection: 'articles', id, draft: true, overrideAccess: true })
    expect(stored.body).toEqual(plainTextToLexical([['下書き']]))
  })

  it('is refused over GraphQL create and update with 400 naming the body', async () => {
    const id = await validDraft('GraphQLで更新される下書き')
    const create = await server.graphql(
      'mutation ($store: String!, $body: JSON!) { createArticle(data: { title: "攻撃の下書き", category: iphone_tips, publishedAt: "2026-04-01T10:00:00+09:00", store: $store, body: $body, _status: draft }, draft: true) { id } }',
      { variables: { store, body: ATTACK_BODIES[attack] }, token: staff.token },
    )
    const update = await server.graphql(
      'mutation ($id: String!, $body: JSON!) { updateArticle(id: $id, data: { body: $body }, draft: true) { id } }',
      {
        variables: { id, body: ATTACK_BODIES[attack] },
        token: staff.token,
      },
    )
    for (const { body: answer } of [create, update]) {
      const [error] = answer.errors ?? []
      expect(
        {
          statusCode: error?.extensions?.statusCode,
          fields: error?.extensions?.data?.errors?.map((field: { path: string }) => field.path),
        },
        JSON.stringify(answer),
      ).toEqual({
        statusCode: 400,
        fields: ['body'],
      })
    }
  })
})

describe('the preview of a body stored before the check', () => {
  it.each([
    'a table cell whose header state breaks out of its attribute',
    'an upload from outside the media library linking to javascript:',
  ] as AttackName[])('renders %s as no executable markup in HQ’s browser', async (attack) => {
    const id = await validDraft('修理のご案内（下書き）')
    await writeBodyUnchecked(server.payload, 'articles', id, ATTACK_BODIES[attack])
    const response = await server.request(`/preview/articles/${id}`, { token: hq.token })
    expect(response.status).toBe(200)
    expect(executableMarkupIn(await response.text())).toEqual([])
  })
})

describe('no page of the CMS origin allows inline script', () => {
  const scriptSources = (response: Response) =>
    (response.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .find(([name]) => name === 'script-src')
      ?.slice(1)

  it('the preview answers with a CSP whose script-src has no unsafe-inline', async () => {
    const id = await validDraft('CSPを確かめる下書き')
    const response = await server.request(`/preview/articles/${id}`, { token: hq.token })
    expect(response.status).toBe(200)
    expect(scriptSources(response)).toBeDefined()
    expect(scriptSources(response)).not.toContain("'unsafe-inline'")
  })

  it('the API answers with a CSP whose script-src has no unsafe-inline', async () => {
    const response = await server.request('/api/articles', { token: staff.token })
    expect(response.status).toBe(200)
    expect(scriptSources(response)).toBeDefined()
    expect(scriptSources(response)).not.toContain("'unsafe-inline'")
  })
})
