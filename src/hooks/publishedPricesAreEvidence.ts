import {
  APIError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type PayloadRequest,
} from 'payload'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

/*
 * A published price is evidence of a price once shown to customers (Japanese rules on displayed former
 * prices ask for the record), so it is never edited, unpublished or deleted: a change is a new row with a
 * later validFrom. Drafts stay editable until they are published.
 */

const EDIT_REFUSED: Bilingual = {
  ja: '公開済みの価格は変更できません（表示した価格の記録として残します）。価格を変えるには、より後の適用開始日で新しい価格を登録してください。',
  en: 'A published price cannot be changed: it is kept as the record of a price shown to customers. To change it, add a new price with a later valid-from date.',
}

const DELETE_REFUSED: Bilingual = {
  ja: '公開済みの価格は削除できません（表示した価格の記録として残します）。終わらせるには、より後の適用開始日で新しい価格を登録してください。',
  en: 'A published price cannot be deleted: it is kept as the record of a price shown to customers. To replace it, add a new price with a later valid-from date.',
}

/**
 * Asks the stored document itself: the originalDoc Payload gives hooks may be the newest draft version,
 * while only the stored document says whether the row was published.
 */
const isPublished = async (req: PayloadRequest, id: number | string): Promise<boolean> => {
  const stored = await req.payload.findByID({
    collection: 'prices',
    id,
    draft: false,
    depth: 0,
    select: { _status: true },
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  return stored?._status === 'published'
}

export const refuseChangingPublishedPrice: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'update' && originalDoc?.id && (await isPublished(req, originalDoc.id))) {
    throw new APIError(inRequestLanguage(EDIT_REFUSED, req), 403)
  }
  return data
}

export const refuseDeletingPublishedPrice: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await isPublished(req, id)) throw new APIError(inRequestLanguage(DELETE_REFUSED, req), 403)
}
