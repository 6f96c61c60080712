import type { Bilingual } from '../i18n'

import { SITE_PAGE_COLLECTIONS } from '../sitePaths'
import { isSafeLinkUrl } from './linkUrl'

/**
 * What a body may hold: exactly the nodes the editor's features make (src/lib/richText/editor.ts), each in the
 * shape the editor gives it. A body sent over REST or GraphQL can hold any JSON; whatever the editor could not
 * have made is refused, so nothing reaches the preview or a frontend's renderer that nobody checked.
 */

/** The page title is the h1; a body's sections start one level below. */
export const HEADING_TAGS = ['h2', 'h3', 'h4'] as const

/** The collections whose files a body may show (the upload feature's). */
export const BODY_UPLOAD_COLLECTIONS = ['media'] as const

/** The collections a body may link to (the link feature's internal links): those with a page on the sites. */
export const BODY_LINK_COLLECTIONS = SITE_PAGE_COLLECTIONS

/** Lexical's text formats (bold … superscript, highlight, case changes): an 11-bit mask. Pasted text may carry any. */
const ALL_TEXT_FORMATS = (1 << 11) - 1
const TEXT_MODES = new Set(['normal', 'token', 'segmented'])
const ALIGNMENTS = new Set(['', 'left', 'start', 'center', 'right', 'end', 'justify'])
const DIRECTIONS = new Set([null, undefined, 'ltr', 'rtl'])
const LIST_TAGS = { bullet: 'ul', check: 'ul', number: 'ol' } as const

/** Deeper than any list staff nest; deeper bodies are built to exhaust the renderer. */
export const MAX_BODY_DEPTH = 32

type RichTextNode = Record<string, unknown>

const INLINE = ['text', 'tab', 'linebreak', 'link', 'autolink']
const IN_LINK = ['text', 'tab', 'linebreak']
const BLOCKS = ['paragraph', 'heading', 'quote', 'list', 'upload', 'horizontalrule']

/** Each node type the editor makes, the types its children may have (none: a leaf), and its own shape. */
const NODE_TYPES: Record<string, { children?: string[]; shape: (node: RichTextNode) => string | undefined }> = {
  root: { children: BLOCKS, shape: (node) => elementShape(node) },
  paragraph: { children: INLINE, shape: (node) => elementShape(node) },
  heading: {
    children: INLINE,
    shape: (node) =>
      elementShape(node) ?? ((HEADING_TAGS as readonly unknown[]).includes(node.tag) ? undefined : 'tag'),
  },
  quote: { children: INLINE, shape: (node) => elementShape(node) },
  list: {
    children: ['listitem'],
    shape: (node) => {
      if (!Object.hasOwn(LIST_TAGS, String(node.listType))) return 'listType'
      if (node.tag !== LIST_TAGS[node.listType as keyof typeof LIST_TAGS]) return 'tag'
      if (node.start !== undefined && !isCount(node.start)) return 'start'
      return elementShape(node)
    },
  },
  listitem: {
    children: [...INLINE, 'list'],
    shape: (node) => {
      if (node.value !== undefined && !Number.isSafeInteger(node.value)) return 'value'
      if (!isOptional(node.checked, 'boolean')) return 'checked'
      return elementShape(node)
    },
  },
  link: { children: IN_LINK, shape: (node) => elementShape(node) ?? linkShape(node) },
  autolink: { children: IN_LINK, shape: (node) => elementShape(node) ?? linkShape(node) },
  text: { shape: (node) => textShape(node) },
  tab: { shape: (node) => textShape(node) ?? (node.text === '\t' ? undefined : 'text') },
  linebreak: { shape: () => undefined },
  horizontalrule: { shape: () => undefined },
  upload: {
    shape: (node) => {
      if (!(BODY_UPLOAD_COLLECTIONS as readonly unknown[]).includes(node.relationTo)) return 'relationTo'
      // null: the file was deleted since (a read populates it as null); it shows as nothing.
      const value = isObject(node.value) ? node.value.id : node.value
      if (value !== null && !isDocumentId(value)) return 'value'
      if (node.fields !== null && node.fields !== undefined && !isObject(node.fields)) return 'fields'
      if (!isOptional(node.id, 'string')) return 'id'
      return ALIGNMENTS.has(node.format as string) || node.format === undefined ? undefined : 'format'
    },
  },
}

/** The node types a body may hold: the features' nodes, and the root. */
export const BODY_NODE_TYPES: readonly string[] = Object.keys(NODE_TYPES)

const isObject = (value: unknown): value is RichTextNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isOptional = (value: unknown, type: 'boolean' | 'string') =>
  value === undefined || value === null || typeof value === type
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0
const isDocumentId = (value: unknown) =>
  (typeof value === 'string' && /^[\w-]{1,64}$/.test(value)) || (Number.isSafeInteger(value) && (value as number) > 0)

const elementShape = (node: RichTextNode): string | undefined => {
  if (node.format !== undefined && !ALIGNMENTS.has(node.format as string)) return 'format'
  if (node.indent !== undefined && !isCount(node.indent)) return 'indent'
  if (!DIRECTIONS.has(node.direction as string)) return 'direction'
  if (node.textFormat !== undefined && !isTextFormat(node.textFormat)) return 'textFormat'
  if (!isOptional(node.textStyle, 'string')) return 'textStyle'
  return undefined
}

const isTextFormat = (value: unknown) => isCount(value) && ((value as number) & ~ALL_TEXT_FORMATS) === 0

const textShape = (node: RichTextNode): string | undefined => {
  if (typeof node.text !== 'string') return 'text'
  if (node.format !== undefined && !isTextFormat(node.format)) return 'format'
  if (node.detail !== undefined && !isCount(node.detail)) return 'detail'
  if (node.mode !== undefined && !TEXT_MODES.has(node.mode as string)) return 'mode'
  if (!isOptional(node.style, 'string')) return 'style'
  return undefined
}

/**
 * A link points to an address staff typed (one that cannot run script), or, as the editor's internal link, to a
 * store, article or repair report (`doc: { relationTo, value }`), which the HTML renders as its site path.
 */
const linkShape = (node: RichTextNode): string | undefined => {
  if (!isObject(node.fields)) return 'fields'
  const { linkType, newTab, url, doc } = node.fields
  if (!isOptional(newTab, 'boolean')) return 'newTab'
  if (!isOptional(node.id, 'string')) return 'id'
  if (linkType === 'internal') {
    if (!isObject(doc) || !(BODY_LINK_COLLECTIONS as readonly unknown[]).includes(doc.relationTo)) return 'doc'
    if (!isDocumentId(isObject(doc.value) ? doc.value.id : doc.value)) return 'doc'
    // The editor drops the address of an internal link (LinkNode.exportJSON); one sent with it was not made there.
    return url === undefined ? undefined : 'fields'
  }
  if (doc !== undefined && doc !== null) return 'doc'
  if (linkType !== undefined && linkType !== 'custom') return 'linkType'
  return isSafeLinkUrl(url) ? undefined : 'url'
}

/** Shown as text: a type name sent by a client is cut short and stripped of anything but a plain identifier. */
const printable = (value: unknown) =>
  String(value)
    .replace(/[^\w-]/g, '?')
    .slice(0, 40)

const problems = {
  notRichText: (): Bilingual => ({ ja: '本文の形式が正しくありません。', en: 'The body is not rich text.' }),
  tooDeep: (): Bilingual => ({
    ja: `本文の入れ子が深すぎます（${MAX_BODY_DEPTH}段まで）。`,
    en: `The body is nested too deeply (at most ${MAX_BODY_DEPTH} levels).`,
  }),
  unknownType: (type: string): Bilingual => ({
    ja: `本文にエディターで作れない要素「${type}」があります。`,
    en: `The body holds a "${type}" element, which the editor cannot make.`,
  }),
  misplaced: (type: string, parent: string): Bilingual => ({
    ja: `本文の「${type}」要素は「${parent}」の中に置けません。`,
    en: `A "${type}" element cannot stand inside "${parent}" in the body.`,
  }),
  linkUrl: (): Bilingual => ({
    ja: 'リンク先は http(s)://、mailto:、tel: で始まるアドレスか、サイト内のパスにしてください。',
    en: 'Link addresses must start with http(s)://, mailto: or tel:, or be a path on this site.',
  }),
  malformed: (type: string, key: string): Bilingual => ({
    ja: `本文の「${type}」要素の「${key}」が正しくありません。`,
    en: `The "${key}" of a "${type}" element in the body is not valid.`,
  }),
}

/**
 * What is wrong with a body, in both languages, or undefined when the editor could have made it.
 * null and undefined are no body at all (whether one is required is Payload's check).
 */
export const richTextProblem = (body: unknown): Bilingual | undefined => {
  if (body === null || body === undefined) return undefined
  if (!isObject(body) || !isObject(body.root) || body.root.type !== 'root') return problems.notRichText()
  return nodeProblem(body.root, 'root', 0)
}

const nodeProblem = (node: unknown, parentType: string, depth: number): Bilingual | undefined => {
  if (depth > MAX_BODY_DEPTH) return problems.tooDeep()
  if (!isObject(node) || typeof node.type !== 'string') return problems.notRichText()
  const type = node.type
  const rule = Object.hasOwn(NODE_TYPES, type) ? NODE_TYPES[type] : undefined
  if (!rule) return problems.unknownType(printable(type))
  if (depth > 0 && !NODE_TYPES[parentType]?.children?.includes(type)) return problems.misplaced(type, parentType)
  if (node.version !== undefined && !isCount(node.version)) return problems.malformed(type, 'version')
  const badKey = rule.shape(node)
  if (badKey === 'url') return problems.linkUrl()
  if (badKey) return problems.malformed(type, badKey)
  if (!rule.children) return node.children === undefined ? undefined : problems.malformed(type, 'children')
  if (!Array.isArray(node.children)) return problems.malformed(type, 'children')
  for (const child of node.children) {
    const problem = nodeProblem(child, type, depth + 1)
    if (problem) return problem
  }
  return undefined
}
