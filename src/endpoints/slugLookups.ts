import { type CollectionSlug, type Endpoint, parseParams, type PayloadRequest } from 'payload'

import { noDocumentWithSlug } from './http'

/** The route of a single document by its slug, beside Payload's `/:id`: `GET /api/stores/slug/saga`. */
export const FIND_BY_SLUG_PATH = '/slug/:slug'

/**
 * The ID of the document with this slug that the caller may read: Payload's own find with the caller's access and
 * the same `draft` as the read that follows (published only unless `draft` is asked for, and then only where the read
 * rule lets the caller see drafts). 404 when there is none.
 */
export const idOfSlug = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  slug: string,
  draft: boolean,
): Promise<string> => {
  const idIn = async (drafts: boolean) => {
    const { docs } = await req.payload.find({
      collection,
      where: { slug: { equals: slug } },
      draft: drafts,
      limit: 1,
      pagination: false,
      // No `depth`: the Local API writes it into req.query, and the by-ID read that follows would take it as the
      // caller's. The slug alone is read, so there is nothing to populate anyway.
      select: { slug: true },
      overrideAccess: false,
      req,
    })
    return docs[0] ? String(docs[0].id) : undefined
  }
  // With `draft`, a document whose newest version the caller may not read is still found by its published slug, as
  // by ID: the read by ID then gives that caller the published document.
  const id = (await idIn(draft)) ?? (draft ? await idIn(false) : undefined)
  if (!id) throw noDocumentWithSlug(req, collection, slug)
  return id
}

/**
 * `GET /api/{collection}/slug/{slug}`: the document Payload's `GET /api/{collection}/{id}` gives for the ID the slug
 * names, through Payload's own handler of that route, so `depth`, `select`, `populate`, `locale` and `draft` mean
 * exactly what they mean there. Collection endpoints come before Payload's, so `/slug/…` never reaches `/:id`.
 */
export const findBySlugEndpoint: Endpoint = {
  path: FIND_BY_SLUG_PATH,
  method: 'get',
  handler: async (req) => {
    const collection = req.routeParams?.collection as CollectionSlug
    const findByID = req.payload.collections[collection]?.config.endpoints
    const handler =
      findByID && findByID.find((endpoint) => endpoint.method === 'get' && endpoint.path === '/:id')?.handler
    if (!handler) throw new Error(`Payload serves no GET /:id for ${collection}`)
    const { draft } = parseParams({ ...(req.query as Record<string, unknown>) }) as { draft?: boolean }
    const id = await idOfSlug(req, collection, String(req.routeParams?.slug), draft === true)
    req.routeParams = { ...req.routeParams, id }
    return handler(req)
  },
}
