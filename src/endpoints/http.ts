import { APIError, type CollectionSlug, type PayloadRequest } from 'payload'

import type { Store } from '../payload-types'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

/** Published content, the same for every caller: browsers and shared caches may keep it for a minute. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60'

export const publicJson = (body: unknown): Response =>
  Response.json(body, { headers: { 'Cache-Control': PUBLIC_CACHE_CONTROL } })

/**
 * A 400 for a malformed query parameter or GraphQL argument, shaped like Payload's field errors
 * (errors[0].data.errors[0].path names the parameter), so frontends show both the same way.
 */
export const invalidParameter = (req: PayloadRequest, parameter: string, reason: Bilingual): APIError => {
  const message = inRequestLanguage(reason, req)
  return new APIError(message, 400, { errors: [{ path: parameter, message }] })
}

/**
 * A query parameter of our endpoints, given at most once as a plain value: `?at=…`. Given twice, or as a list or an
 * object (`at[]=…`, `at[x]=…`, which Payload's query parser would read as one), it is a 400 naming it, never
 * silently the first value or the default.
 */
export const singleParameter = (req: PayloadRequest, parameter: string): null | string => {
  const given = [...req.searchParams.keys()].filter((key) => key === parameter || key.startsWith(`${parameter}[`))
  if (given.length > 1 || given.some((key) => key !== parameter)) {
    throw invalidParameter(req, parameter, {
      ja: `${parameter} は1つの値として1回だけ指定してください。`,
      en: `${parameter} must be given once, as a single value.`,
    })
  }
  return req.searchParams.get(parameter)
}

const notFound = (req: PayloadRequest, reason: Bilingual): APIError => new APIError(inRequestLanguage(reason, req), 404)

/** How a not-found answer names each kind of document that has a slug lookup. */
const DOCUMENT_NAMES: Partial<Record<CollectionSlug, Bilingual>> = {
  stores: { ja: '店舗', en: 'store' },
  articles: { ja: '記事', en: 'article' },
  'repair-logs': { ja: '修理ブログ', en: 'repair report' },
  devices: { ja: '機種', en: 'device' },
  campaigns: { ja: 'キャンペーン', en: 'campaign' },
}

/** The one "not found" of every lookup by slug, REST and GraphQL alike: a 404 naming the slug. */
export const noDocumentWithSlug = (req: PayloadRequest, collection: CollectionSlug, slug: string) => {
  const name = DOCUMENT_NAMES[collection] ?? { ja: collection, en: collection }
  return notFound(req, { ja: `${name.ja}「${slug}」は見つかりません。`, en: `No ${name.en} has the slug "${slug}".` })
}

/** An error answer shaped like Payload's, in the request's language; `field` names the input it is about. */
export const errorAnswer = (
  req: PayloadRequest,
  status: number,
  message: Bilingual,
  { field, headers }: { field?: string; headers?: HeadersInit } = {},
): Response => {
  const text = inRequestLanguage(message, req)
  return Response.json(
    { errors: [{ message: text, ...(field ? { data: { errors: [{ path: field, message: text }] } } : {}) }] },
    { status, headers },
  )
}

/** The store named by its slug in a path or argument; 404 when no store has it. */
export const findStoreBySlug = async (req: PayloadRequest, slug: string): Promise<Store> => {
  const { docs } = await req.payload.find({
    collection: 'stores',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: false,
    req,
  })
  if (!docs[0]) throw noDocumentWithSlug(req, 'stores', slug)
  return docs[0]
}

/** How responses name the store they answer for. */
export const storeSummary = ({ id, slug, name }: Store) => ({ id, slug, name })
