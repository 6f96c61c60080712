import { convertLexicalToHTML, type HTMLConverter, type HTMLConverters } from '@payloadcms/richtext-lexical/html'
import escapeHtml from 'escape-html'

import type { RichText } from '../lexicalText'

import { isSafeLinkUrl } from './linkUrl'
import { HEADING_TAGS } from './vocabulary'

/**
 * Bodies as HTML, written by our own converters, one per node type the editor makes (vocabulary.ts) and nothing
 * else: Payload's defaults render node types the editor lacks (a table cell writes its header state into an
 * attribute unescaped), so none of them is used. Every text and attribute is escaped, every address checked
 * again, and a node of any other type renders as nothing, whatever a stored body holds.
 */

type Node = Record<string, any>
type Args = Parameters<Extract<HTMLConverter<any>, (...args: any[]) => string>>[0] & { node: Node }

const TEXT_ALIGN: Record<string, string> = {
  center: 'center',
  end: 'right',
  justify: 'justify',
  right: 'right',
  start: 'left',
}

/** Alignment and indentation, the only styles a body carries, from allow-listed values and a whole number. */
const blockAttributes = (node: Node) => {
  const styles: string[] = []
  const align =
    typeof node.format === 'string' && Object.hasOwn(TEXT_ALIGN, node.format) ? TEXT_ALIGN[node.format] : undefined
  if (align) styles.push(`text-align: ${align}`)
  if (Number.isSafeInteger(node.indent) && node.indent > 0 && node.type !== 'listitem')
    styles.push(`padding-inline-start: ${node.indent * 40}px`)
  return styles.length ? ` style="${escapeHtml(styles.join('; '))}"` : ''
}

/** The formats the editor's toolbar offers, innermost first; other Lexical formats a paste brought render plain. */
const TEXT_FORMATS: Array<[bit: number, tag: string]> = [
  [1 << 4, 'code'],
  [1 << 0, 'strong'],
  [1 << 1, 'em'],
  [1 << 2, 's'],
  [1 << 3, 'u'],
  [1 << 5, 'sub'],
  [1 << 6, 'sup'],
]

const text = ({ node }: Args) => {
  const format = Number.isSafeInteger(node.format) ? node.format : 0
  return TEXT_FORMATS.reduce(
    (html, [bit, tag]) => (format & bit ? `<${tag}>${html}</${tag}>` : html),
    escapeHtml(String(node.text ?? '')),
  )
}

const children = (node: Node, nodesToHTML: Args['nodesToHTML']) =>
  Array.isArray(node.children) ? nodesToHTML({ nodes: node.children }).join('') : ''

const element =
  (tag: (node: Node) => string, extra: (node: Node) => string = () => '') =>
  ({ node, nodesToHTML }: Args) =>
    `<${tag(node)}${blockAttributes(node)}${extra(node)}>${children(node, nodesToHTML)}</${tag(node)}>`

/**
 * Where a link goes: the typed address, or for a link to a page of the chain the site path its rendering read
 * (renderedBody.ts); a page the writer may not read or that is not published has none and the words stay plain.
 */
const linkTarget = (fields: Node | undefined): unknown => {
  if (fields?.linkType !== 'internal') return fields?.url
  const sitePath = fields.doc?.value?.sitePath
  return typeof sitePath === 'string' && sitePath.startsWith('/') && !sitePath.startsWith('//') ? sitePath : undefined
}

const link = ({ node, nodesToHTML }: Args) => {
  const url = linkTarget(node.fields)
  const content = children(node, nodesToHTML)
  if (!isSafeLinkUrl(url)) return content
  const newTab = node.fields?.newTab === true ? ' target="_blank" rel="noopener noreferrer"' : ''
  return `<a href="${escapeHtml(url)}"${newTab}>${content}</a>`
}

/** A picture from the media library, as the preview's read populated it; anything else renders as nothing. */
const upload = ({ node }: Args) => {
  const file = node.value
  if (typeof file !== 'object' || file === null) return ''
  const url = file.sizes?.hero?.url || file.url
  if (!isSafeLinkUrl(url)) return ''
  if (typeof file.mimeType === 'string' && file.mimeType.startsWith('image/')) {
    return `<img src="${escapeHtml(url)}" alt="${escapeHtml(String(file.alt ?? ''))}"${blockAttributes(node)}>`
  }
  return `<a href="${escapeHtml(url)}">${escapeHtml(String(file.filename ?? url))}</a>`
}

const LIST_TAG: Record<string, string> = { bullet: 'ul', check: 'ul', number: 'ol' }

const listItem = ({ node, nodesToHTML, parent }: Args) => {
  if ((parent as Node)?.listType !== 'check') return `<li${blockAttributes(node)}>${children(node, nodesToHTML)}</li>`
  const checked = node.checked === true
  return `<li class="${checked ? 'checked' : 'unchecked'}"${blockAttributes(node)}>${checked ? '☑' : '☐'} ${children(node, nodesToHTML)}</li>`
}

const CONVERTERS: HTMLConverters = {
  // No fallback: a node of a type outside this list (one stored before the body check existed) renders as nothing.
  unknown: () => '',
  paragraph: ({ node, nodesToHTML }: Args) => `<p${blockAttributes(node)}>${children(node, nodesToHTML) || '<br>'}</p>`,
  heading: element((node) => ((HEADING_TAGS as readonly string[]).includes(node.tag) ? node.tag : 'h2')),
  quote: element(() => 'blockquote'),
  list: element(
    (node) => LIST_TAG[node.listType] ?? 'ul',
    (node) =>
      node.listType === 'number' && Number.isSafeInteger(node.start) && node.start !== 1
        ? ` start="${escapeHtml(String(node.start))}"`
        : '',
  ),
  listitem: listItem,
  text,
  tab: '\t',
  linebreak: '<br>',
  horizontalrule: '<hr>',
  link,
  autolink: link,
  upload,
} as HTMLConverters

/** A body as HTML for the preview (and anything else of ours that shows a body). */
export const richTextToHtml = (body: RichText | null | undefined): string =>
  body
    ? convertLexicalToHTML({
        data: body as never,
        converters: CONVERTERS,
        disableContainer: true,
        disableIndent: true,
        disableTextAlign: true,
      })
    : ''
