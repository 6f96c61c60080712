import type { PayloadRequest } from 'payload'

import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import type { RichText } from '../lexicalText'

import { richTextToHtml } from './html'

/** A body as frontends that are not React show it: HTML through our escaping converters, and its plain text. */
export type RenderedBody = { html: string; text: string }

type Node = { type?: unknown; relationTo?: unknown; value?: unknown; children?: unknown }

const uploadNodes = (node: Node, found: Node[] = []): Node[] => {
  if (node.type === 'upload' && node.relationTo === 'media') found.push(node)
  if (Array.isArray(node.children)) for (const child of node.children) uploadNodes(child as Node, found)
  return found
}

const idOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return undefined
}

/** Whether a body shows the picture `id` of the media library. */
export const bodyShowsPicture = (body: RichText | null | undefined, id: string): boolean =>
  Boolean(body?.root) && uploadNodes(body!.root as Node).some((node) => idOf(node.value) === id)

/**
 * The body's pictures as the HTML needs them (address, alternative text, type): a stored body holds only their
 * IDs. Read with the writer's own rights, so a body shows only files its writer may read; a file deleted since
 * renders as nothing.
 */
const withPictures = async (body: RichText, req: PayloadRequest): Promise<RichText> => {
  const copy = structuredClone(body)
  const nodes = uploadNodes(copy.root as Node)
  const ids = [...new Set(nodes.map((node) => idOf(node.value)).filter((id) => id !== undefined))]
  if (ids.length === 0) return copy
  const { docs } = await req.payload.find({
    collection: 'media',
    where: { id: { in: ids } },
    select: { url: true, alt: true, mimeType: true, filename: true, sizes: { hero: { url: true } } },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    req,
  })
  const files = new Map(docs.map((doc) => [String(doc.id), doc]))
  for (const node of nodes) node.value = files.get(idOf(node.value) ?? '') ?? null
  return copy
}

/** Renders a body once, where it is written: Lexical's converters (ours for HTML, Payload's for plain text). */
export const renderBody = async (body: RichText | null | undefined, req: PayloadRequest): Promise<RenderedBody> => {
  if (!body || typeof body !== 'object' || !body.root) return { html: '', text: '' }
  return { html: richTextToHtml(await withPictures(body, req)), text: convertLexicalToPlaintext({ data: body }) }
}
