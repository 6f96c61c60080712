import type { PayloadRequest } from 'payload'

import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import type { RichText } from '../lexicalText'

import { relationId } from '../relations'
import { isSitePageCollection, SITE_PAGE_COLLECTIONS, type SitePageCollection } from '../sitePaths'
import { richTextToHtml } from './html'

/** A body as frontends that are not React show it: HTML through our escaping converters, and its plain text. */
export type RenderedBody = { html: string; text: string }

type Node = {
  type?: unknown
  relationTo?: unknown
  value?: unknown
  children?: unknown
  fields?: { linkType?: unknown; doc?: { relationTo?: unknown; value?: unknown } }
}

const nodesWhere = (test: (node: Node) => boolean) => {
  const walk = (node: Node, found: Node[] = []): Node[] => {
    if (test(node)) found.push(node)
    if (Array.isArray(node.children)) for (const child of node.children) walk(child as Node, found)
    return found
  }
  return walk
}

const uploadNodes = nodesWhere((node) => node.type === 'upload' && node.relationTo === 'media')
/** The editor's links to the chain's own pages (stores, articles, repair reports). */
const internalLinkNodes = nodesWhere(
  (node) =>
    (node.type === 'link' || node.type === 'autolink') &&
    node.fields?.linkType === 'internal' &&
    isSitePageCollection(node.fields.doc?.relationTo),
)

/** Whether a body shows the picture `id` of the media library. */
export const bodyShowsPicture = (body: RichText | null | undefined, id: string): boolean =>
  Boolean(body?.root) && uploadNodes(body!.root as Node).some((node) => relationId(node.value) === id)

/**
 * The body's pictures as the HTML needs them (address, alternative text, type): a stored body holds only their
 * IDs. Read with the writer's own rights, so a body shows only files its writer may read; a file deleted since
 * renders as nothing.
 */
const withPictures = async (body: RichText, req: PayloadRequest): Promise<RichText> => {
  const copy = structuredClone(body)
  const nodes = uploadNodes(copy.root as Node)
  const ids = [...new Set(nodes.map((node) => relationId(node.value)).filter((id) => id !== null))]
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
  for (const node of nodes) node.value = files.get(relationId(node.value) ?? '') ?? null
  return copy
}

/** Whether a body links to document `id` of `collection`, or, with no id, to any page of that collection. */
export const bodyLinksTo = (body: RichText | null | undefined, collection: SitePageCollection, id?: string): boolean =>
  Boolean(body?.root) &&
  internalLinkNodes(body!.root as Node).some(
    (node) =>
      node.fields?.doc?.relationTo === collection && (id === undefined || relationId(node.fields.doc.value) === id),
  )

/**
 * The site paths of the pages a body links to (src/lib/sitePaths.ts), read with the writer's rights and only
 * while published: a link to anything else keeps no target and renders as plain words.
 */
const withLinkTargets = async (body: RichText, req: PayloadRequest): Promise<RichText> => {
  const copy = structuredClone(body)
  const nodes = internalLinkNodes(copy.root as Node)
  for (const collection of SITE_PAGE_COLLECTIONS) {
    const linking = nodes.filter((node) => node.fields!.doc!.relationTo === collection)
    const ids = [...new Set(linking.map((node) => relationId(node.fields!.doc!.value)).filter((id) => id !== null))]
    if (ids.length === 0) continue
    const { docs } = await req.payload.find({
      collection,
      where: { and: [{ id: { in: ids } }, ...(collection === 'stores' ? [] : [{ _status: { equals: 'published' } }])] },
      // A virtual field of each of these collections (src/fields/sitePath.ts): the read takes what it is made of.
      select: { sitePath: true },
      depth: 0,
      pagination: false,
      overrideAccess: false,
      req,
    })
    const paths = new Map(docs.map((doc) => [String(doc.id), (doc as { sitePath?: unknown }).sitePath]))
    for (const node of linking)
      node.fields!.doc = {
        relationTo: collection,
        value: { sitePath: paths.get(relationId(node.fields!.doc!.value) ?? '') ?? null },
      }
  }
  return copy
}

/** Renders a body once, where it is written: Lexical's converters (ours for HTML, Payload's for plain text). */
export const renderBody = async (body: RichText | null | undefined, req: PayloadRequest): Promise<RenderedBody> => {
  if (!body || typeof body !== 'object' || !body.root) return { html: '', text: '' }
  return {
    html: richTextToHtml(await withLinkTargets(await withPictures(body, req), req)),
    text: convertLexicalToPlaintext({ data: body }),
  }
}
