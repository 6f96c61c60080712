import { createLocalReq, type Payload } from 'payload'

import type { RichText } from './lexicalText'

import { renderBody } from './richText/renderedBody'

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
