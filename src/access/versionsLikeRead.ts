import type { Access, Where } from 'payload'

import { rightsOf } from '../lib/rights'

/** The same condition on a version row: each field path of the document becomes `version.<path>`. */
export const onVersionRows = (where: Where): Where =>
  Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or' ? [key, (value as Where[]).map(onVersionRows)] : [`version.${key}`, value],
    ),
  )

/**
 * Version history is an editor's tool: signed-in users read the versions of exactly the documents their `read` rule
 * lets them read (the same store and status conditions, on the version rows); the public reads none, since a
 * version may hold a draft of a published document.
 */
export const versionsLikeRead =
  (read: Access): Access =>
  async (args) => {
    if (!rightsOf(args.req.user)) return false
    const verdict = await read(args)
    return typeof verdict === 'object' ? onVersionRows(verdict) : verdict
  }
