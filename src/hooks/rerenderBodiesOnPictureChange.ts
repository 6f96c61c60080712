import type { CollectionAfterChangeHook } from 'payload'

import { rerenderBodiesShowing } from '../lib/storedBodies'

type Picture = {
  id: string | number
  url?: string | null
  alt?: string | null
  mimeType?: string | null
  sizes?: { hero?: { url?: string | null } }
}

/** What a rendered body shows of a picture (see withPictures in src/lib/richText/renderedBody.ts). */
const shown = (picture: Picture | undefined) =>
  JSON.stringify([picture?.url, picture?.alt, picture?.mimeType, picture?.sizes?.hero?.url])

/**
 * Media afterChange: the bodies of articles and repair reports store their HTML with the picture's URL and text. A
 * new file or a crop gives the picture a new URL (the old file is deleted) and an edit may change its text: the
 * bodies showing it are rendered again, so a stored body never points at a file that is gone.
 */
export const rerenderBodiesOnPictureChange: CollectionAfterChangeHook<Picture> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && shown(doc) !== shown(previousDoc)) await rerenderBodiesShowing(req, String(doc.id))
  return doc
}
