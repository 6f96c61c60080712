import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import type { RichText } from './lexicalText'

import { bodyLinksTo, bodyShowsPicture, renderBody } from './richText/renderedBody'
import type { SitePageCollection } from './sitePaths'

/** The stored HTML and plain text of posts' bodies (src/fields/renderedBody.ts), kept in step outside a save of the post. */
const WITH_RENDERED_BODIES = ['articles', 'repair-logs'] as const
const BATCH = 100

/**
 * A data step on start: posts saved before bodies were rendered get their HTML and plain text stored once, written
 * straight to the database (no hook, no new version, no webhook), so list reads never render. Drafts saved before
 * are rendered when read until their next save.
 */
export const renderMissingBodies = async (payload: Payload) => {
  const req = await createLocalReq({}, payload)
  for (const collection of WITH_RENDERED_BODIES) {
    let rendered = 0
    for (;;) {
      const { docs } = await payload.db.find<{ id: string; body?: RichText }>({
        collection,
        where: { bodyHtml: { exists: false } },
        limit: BATCH,
        pagination: false,
        req,
      })
      if (docs.length === 0) break
      for (const { id, body } of docs) {
        const { html, text } = await renderBody(body, req)
        await payload.db.updateOne({ collection, id, data: { bodyHtml: html, bodyText: text }, req })
      }
      rendered += docs.length
    }
    if (rendered > 0)
      payload.logger.info(`Rendered the body of ${rendered} ${collection} saved before bodies were rendered`)
  }
}

/**
 * Renders again the stored bodies `affected` picks, written straight to the database like the data step above,
 * inside the change that moved what their HTML shows (whose end empties the response cache). Draft versions get
 * theirs at their next save.
 */
const rerenderBodies = async (req: PayloadRequest, affected: (body: RichText | undefined) => boolean) => {
  for (const collection of WITH_RENDERED_BODIES) {
    for (let page = 1; ; page += 1) {
      const result = await req.payload.db.find<{ id: string; body?: RichText }>({
        collection,
        select: { body: true },
        limit: BATCH,
        page,
        sort: 'createdAt',
        req,
      })
      for (const doc of result.docs) {
        if (!affected(doc.body)) continue
        const { html, text } = await renderBody(doc.body, req)
        await req.payload.db.updateOne({ collection, id: doc.id, data: { bodyHtml: html, bodyText: text }, req })
      }
      if (!result.hasNextPage) break
    }
  }
}

/** After picture `id` changed what their HTML holds (its file, and so its URL, or its alternative text). */
export const rerenderBodiesShowing = (req: PayloadRequest, id: string) =>
  rerenderBodies(req, (body) => bodyShowsPicture(body, id))

/**
 * After the page of document `id` moved (slug, store), was published or unpublished: the bodies linking
 * to it. A store's slug is part of its posts' paths too, so a store's change renders every body linking to a post.
 */
export const rerenderBodiesLinkingTo = (req: PayloadRequest, collection: SitePageCollection, id: string) =>
  rerenderBodies(
    req,
    (body) =>
      bodyLinksTo(body, collection, id) ||
      (collection === 'stores' && (bodyLinksTo(body, 'articles') || bodyLinksTo(body, 'repair-logs'))),
  )
