import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import type { RichText } from './lexicalText'

import { bodyShowsPicture, renderBody } from './richText/renderedBody'

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
    if (rendered > 0) payload.logger.info(`Rendered the body of ${rendered} ${collection} saved before bodies were rendered`)
  }
}

/**
 * Renders again the stored bodies that show picture `id`, after the picture changed what their HTML holds (its file,
 * and so its URL, or its alternative text): written straight to the database like the data step above, inside the
 * picture's own change (whose end empties the response cache). Draft versions get theirs at their next save.
 */
export const rerenderBodiesShowing = async (req: PayloadRequest, id: string) => {
  for (const collection of WITH_RENDERED_BODIES) {
    for (let page = 1; ; page += 1) {
      const result = await req.payload.db.find<{ id: string; body?: RichText }>({ collection, select: { body: true }, limit: BATCH, page, sort: 'createdAt', req })
      for (const doc of result.docs) {
        if (!bodyShowsPicture(doc.body, id)) continue
        const { html, text } = await renderBody(doc.body, req)
        await req.payload.db.updateOne({ collection, id: doc.id, data: { bodyHtml: html, bodyText: text }, req })
      }
      if (!result.hasNextPage) break
    }
  }
}
