import type { Field, RichTextField } from 'payload'

import { getEnabledNodesFromServerNodes } from '@payloadcms/richtext-lexical'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refuseWhatTheEditorCannotMake } from '../src/fields/richText'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { richTextToHtml } from '../src/lib/richText/html'
import { BODY_NODE_TYPES, MAX_BODY_DEPTH, richTextProblem } from '../src/lib/richText/vocabulary'
import { startPayload, type TestPayload } from './helpers/payload'

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
const paragraph = (...children: unknown[]) => element('paragraph', children, { textFormat: 0, textStyle: '' })
const link = (url: string, label = 'リンク', extra: Record<string, unknown> = {}) =>
  element('link', [text(label)], { fields: { url, linkType: 'custom', newTab: false, ...extra }, id: 'a1', version: 3 })
const body = (...blocks: unknown[]) => ({ root: element('root', blocks) })
const listItem = (value: number, children: unknown[], extra: Record<string, unknown> = {}) =>
  element('listitem', children, { value, ...extra })

/** A body using every feature of the editor, in the shapes the editor gives them. */
const EVERYTHING = body(
  element('heading', [text('バッテリー交換の流れ')], { tag: 'h2' }),
  paragraph(
    text('太字', 1),
    text('斜体', 2),
    text('取り消し', 4),
    text('下線', 8),
    text('コード', 16),
    text('下付き', 32),
    text('上付き', 64),
    { type: 'tab', text: '\t', detail: 2, format: 0, mode: 'normal', style: '', version: 1 },
  ),
  element('paragraph', [text('中央寄せ'), { type: 'linebreak', version: 1 }, text('二行目')], {
    format: 'center',
    indent: 2,
  }),
  element(
    'list',
    [
      listItem(1, [text('受付')]),
      listItem(2, [element('list', [listItem(1, [text('診断')])], { listType: 'bullet', tag: 'ul', start: 1 })]),
    ],
    { listType: 'number', tag: 'ol', start: 1 },
  ),
  element(
    'list',
    [
      listItem(1, [text('データのバックアップ')], { checked: true }),
      listItem(2, [text('パスコード')], { checked: false }),
    ],
    { listType: 'check', tag: 'ul', start: 1 },
  ),
  paragraph(
    link('https://example.com/saga?x=1&y=2'),
    link('mailto:saga@example.com'),
    link('tel:0952-30-2255'),
    link('/articles/7pay'),
    link('#price'),
    link('https://example.com', '新しいタブ', { newTab: true }),
  ),
  paragraph(
    element('autolink', [text('https://example.jp')], {
      fields: { url: 'https://example.jp', linkType: 'custom' },
      version: 2,
    }),
  ),
  element('quote', [text('引用')]),
  { type: 'horizontalrule', version: 1 },
  {
    type: 'upload',
    relationTo: 'media',
    value: '0c1e7a3e-5f1b-4c4e-9d39-2f0f3b8f8a10',
    fields: null,
    id: 'u1',
    format: '',
    version: 3,
  },
)

let context: TestPayload

beforeAll(async () => {
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

describe('the body vocabulary is the editor’s', () => {
  it('names exactly the node types of the enabled features and Lexical’s own', () => {
    const editor = context.payload.config.editor as unknown as {
      editorConfig: { features: { nodes: Parameters<typeof getEnabledNodesFromServerNodes>[0]['nodes'] } }
    }
    const featureTypes = getEnabledNodesFromServerNodes({ nodes: editor.editorConfig.features.nodes }).map((node) =>
      'getType' in node ? node.getType() : String(node),
    )
    const lexicalOwn = ['root', 'paragraph', 'text', 'linebreak', 'tab']
    expect(new Set(BODY_NODE_TYPES)).toEqual(new Set([...lexicalOwn, ...featureTypes]))
  })

  it('guards every rich-text field of every collection', () => {
    const richTextFields = (fields: Field[]): RichTextField[] =>
      fields.flatMap((field) => [
        ...(field.type === 'richText' ? [field] : []),
        ...('fields' in field && Array.isArray(field.fields) ? richTextFields(field.fields) : []),
        ...(field.type === 'tabs' ? field.tabs.flatMap((tab) => richTextFields(tab.fields)) : []),
        ...(field.type === 'blocks' ? (field.blocks ?? []).flatMap((block) => richTextFields(block.fields)) : []),
      ])
    const fields = context.payload.config.collections.flatMap((collection) =>
      richTextFields(collection.fields).map((field) => ({ collection: collection.slug, field })),
    )
    expect(fields.map(({ collection }) => collection).sort()).toEqual(['articles', 'repair-logs'])
    for (const { field } of fields) expect(field.hooks?.beforeValidate).toContain(refuseWhatTheEditorCannotMake)
  })
})

describe('a body the editor made', () => {
  it.each([
    ['plain paragraphs', plainTextToLexical([['一行目', '二行目'], ['二段落目']])],
    ['every feature', EVERYTHING],
    ['no body at all', null],
    [
      'an upload whose file was deleted since',
      body({ type: 'upload', relationTo: 'media', value: null, fields: null, format: '', version: 3 }),
    ],
  ])('is accepted: %s', (_name, value) => {
    expect(richTextProblem(value)).toBeUndefined()
  })
})

describe('a body the editor cannot make', () => {
  const deep = (levels: number): unknown =>
    levels === 0
      ? text('底')
      : element('listitem', [element('list', [deep(levels - 1)], { listType: 'bullet', tag: 'ul' })], { value: 1 })

  it.each([
    ['not rich text', 'just a string'],
    ['a root of another type', { root: { type: 'paragraph', children: [] } }],
    ['a made-up node type', body({ type: 'widget', version: 1 })],
    ['an html node', body({ type: 'html', html: '<script>alert(1)</script>', version: 1 })],
    [
      'a relationship block (feature not enabled)',
      body({ type: 'relationship', relationTo: 'users', value: '1', format: '', version: 2 }),
    ],
    [
      'a table',
      body(element('table', [element('tablerow', [element('tablecell', [paragraph(text('x'))], { headerState: 0 })])])),
    ],
    ['an h1 (the page title’s)', body(element('heading', [text('x')], { tag: 'h1' }))],
    ['a heading tag that is no heading', body(element('heading', [text('x')], { tag: 'script' }))],
    [
      'a list whose tag contradicts its type',
      body(element('list', [listItem(1, [text('x')])], { listType: 'bullet', tag: 'ol' })),
    ],
    ['a list item outside a list', body(paragraph(listItem(1, [text('x')])))],
    ['a paragraph inside a paragraph', body(paragraph(paragraph(text('x'))))],
    [
      'a link inside a link',
      body(
        paragraph(
          element('link', [link('https://example.com')], {
            fields: { url: 'https://example.com', linkType: 'custom' },
          }),
        ),
      ),
    ],
    ['a text node with children', body(paragraph({ ...text('x'), children: [{ type: 'html', version: 1 }] }))],
    ['text that is not a string', body(paragraph({ ...text('x'), text: { toString: 'x' } }))],
    ['a text format beyond Lexical’s', body(paragraph(text('x', 1 << 12)))],
    ['a negative text format', body(paragraph(text('x', -1)))],
    ['an alignment that is CSS', body(element('paragraph', [text('x')], { format: 'center;background:url(x)' }))],
    ['an indent that is not a number', body(element('paragraph', [text('x')], { indent: '1;x' }))],
    [
      'an internal document link',
      body(paragraph(link('', 'x', { linkType: 'internal', doc: { relationTo: 'users', value: '1' } }))),
    ],
    ['a link without fields', body(paragraph(element('link', [text('x')])))],
    [
      'an upload from another collection',
      body({ type: 'upload', relationTo: 'users', value: '1', fields: null, version: 3 }),
    ],
    [
      'an upload with a file object instead of an id',
      body({ type: 'upload', relationTo: 'media', value: { url: 'javascript:alert(1)' }, fields: null, version: 3 }),
    ],
    [
      `nesting deeper than ${MAX_BODY_DEPTH} levels`,
      body(element('list', [deep(MAX_BODY_DEPTH)], { listType: 'bullet', tag: 'ul' })),
    ],
  ])('is refused: %s', (_name, value) => {
    const problem = richTextProblem(value)
    expect(problem?.ja).toMatch(/本文/)
    expect(problem?.en).toMatch(/body/i)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'https://exa mple.com',
    `https://example.com/${'x'.repeat(2048)}`,
  ])('refuses a link to %j, saying which addresses are allowed', (url) => {
    expect(richTextProblem(body(paragraph(link(url))))).toEqual({
      ja: 'リンク先は http(s)://、mailto:、tel: で始まるアドレスか、サイト内のパスにしてください。',
      en: 'Link addresses must start with http(s)://, mailto: or tel:, or be a path on this site.',
    })
  })

  it('names an unknown type only as a plain identifier', () => {
    expect(richTextProblem(body({ type: '<img src=x onerror=alert(1)>', version: 1 }))?.en).toBe(
      'The body holds a "?img?src?x?onerror?alert?1??" element, which the editor cannot make.',
    )
  })
})

describe('bodies as HTML', () => {
  it('renders every feature with our converters', () => {
    const withFile = structuredClone(EVERYTHING) as { root: { children: Array<Record<string, unknown>> } }
    withFile.root.children[9]!.value = {
      id: 'm1',
      url: '/api/media/file/battery.jpg',
      alt: '膨らんだ "バッテリー"',
      mimeType: 'image/jpeg',
      sizes: { hero: { url: '/api/media/file/battery-1920.webp' } },
    }
    expect(richTextToHtml(withFile as never).split(/(?=<(?:h2|p|ol|ul|blockquote|hr|img)\b)/)).toEqual([
      '<h2>バッテリー交換の流れ</h2>',
      '<p><strong>太字</strong><em>斜体</em><s>取り消し</s><u>下線</u><code>コード</code><sub>下付き</sub><sup>上付き</sup>\t</p>',
      '<p style="text-align: center; padding-inline-start: 80px">中央寄せ<br>二行目</p>',
      '<ol><li>受付</li><li>',
      '<ul><li>診断</li></ul></li></ol>',
      '<ul><li class="checked">☑ データのバックアップ</li><li class="unchecked">☐ パスコード</li></ul>',
      '<p><a href="https://example.com/saga?x=1&amp;y=2">リンク</a><a href="mailto:saga@example.com">リンク</a><a href="tel:0952-30-2255">リンク</a><a href="/articles/7pay">リンク</a><a href="#price">リンク</a><a href="https://example.com" target="_blank" rel="noopener noreferrer">新しいタブ</a></p>',
      '<p><a href="https://example.jp">https://example.jp</a></p>',
      '<blockquote>引用</blockquote>',
      '<hr>',
      '<img src="/api/media/file/battery-1920.webp" alt="膨らんだ &quot;バッテリー&quot;">',
    ])
  })

  it('escapes every text and attribute, and renders what no converter knows as nothing', () => {
    const hostile = body(
      paragraph(text('<script>alert(1)</script>')),
      { type: 'html', html: '<script>alert(2)</script>', version: 1 },
      element('table', [
        element('tablerow', [element('tablecell', [paragraph(text('セル'))], { headerState: '0" onfocus="alert(3)' })]),
      ]),
      element('heading', [text('見出し')], { tag: 'h1 onclick=alert(4)' }),
      element('list', [listItem(1, [text('項目')])], { listType: 'bullet', tag: 'ul', start: '1" onclick="alert(5)' }),
      paragraph(link('javascript:alert(6)', 'リンクの文字')),
      element('paragraph', [text('x')], { format: '" onclick="alert(7)', indent: '1" onclick="alert(8)' }),
      {
        type: 'upload',
        relationTo: 'users',
        value: { url: 'javascript:alert(9)', mimeType: 'application/pdf', filename: '<b>x</b>' },
        version: 3,
      },
      {
        type: 'upload',
        relationTo: 'media',
        value: { url: '/f.jpg', alt: '" onerror="alert(10)', mimeType: 'image/jpeg' },
        version: 3,
      },
    )
    expect(richTextToHtml(hostile as never)).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><h2>見出し</h2><ul><li>項目</li></ul><p>リンクの文字</p><p>x</p><img src="/f.jpg" alt="&quot; onerror=&quot;alert(10)">',
    )
  })
})
