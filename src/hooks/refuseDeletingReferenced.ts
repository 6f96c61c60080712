import type { CollectionBeforeDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import { APIError } from 'payload'

import { actorOf, recordAudit } from '../lib/audit'
import { type Bilingual, inRequestLanguage, languageOf } from '../lib/i18n'
import { findReferrers, type Referrer } from '../lib/references'

/*
 * Evidence is never rewritten. A document that anything points at (a published price at its store, a repair report
 * at its device, an audit entry at its actor, a post at its picture) cannot be deleted while it does: the database
 * would otherwise quietly empty the pointer (SQLite's ON DELETE SET NULL turns a store's override into a chain-wide
 * price; a campaign for one store would run in every store; MongoDB would leave it dangling). What to do instead
 * depends on the collection: stores close, devices retire, accounts are disabled.
 */

const INSTEAD: Record<string, Bilingual> = {
  stores: { ja: '閉店する場合は、状態を「閉店」にしてください。', en: 'To close the store, set its status to Closed.' },
  devices: {
    ja: '取り扱いをやめる場合は、状態を「取扱終了」にしてください。',
    en: 'To retire the device, set its status to Retired.',
  },
  users: { ja: '使わなくなったアカウントは「アカウント停止」にしてください。', en: 'Disable the account instead.' },
  media: {
    ja: '画像を差し替えるには、この画像のファイルを置き換えるか、参照している文書から外してください。',
    en: 'To take the picture down, replace its file, or remove it from the documents that show it.',
  },
}

const OTHERWISE: Bilingual = {
  ja: '参照している文書から外してから削除してください。',
  en: 'Remove it from those documents first.',
}

/** 「修理価格一覧 2件（履歴1件）」, "Prices: 2 (1 in history)": what points at the document, in the request's language. */
const describe = (req: PayloadRequest, { collection, documents, versions }: Referrer): string => {
  const labels = req.payload.collections[collection as keyof typeof req.payload.collections]?.config.labels
  const name = labels ? getTranslation(labels.plural, req.i18n) : collection
  if (languageOf(req.i18n?.language) === 'en')
    return `${name}: ${documents}${versions ? ` (${versions} in history)` : ''}`
  return `${name} ${documents}件${versions ? `（履歴${versions}件）` : ''}`
}

const refusal = (req: PayloadRequest, collection: string, referrers: Referrer[]): string => {
  const list = referrers
    .map((referrer) => describe(req, referrer))
    .join(languageOf(req.i18n?.language) === 'en' ? ', ' : '、')
  const instead = INSTEAD[collection] ?? OTHERWISE
  return inRequestLanguage(
    {
      ja: `ほかの文書から参照されているため削除できません（${list}）。${instead.ja}`,
      en: `This cannot be deleted while other documents point to it (${list}). ${instead.en}`,
    },
    req,
  )
}

/**
 * beforeDelete of every collection, on every path that deletes (REST and GraphQL, by ID and by `where`, the admin,
 * the Local API with or without overrideAccess): 409 naming what still points at the document, and an audit entry of
 * the attempt. The entry is written outside the request's transaction, which the refusal rolls back.
 */
export const refuseDeletingReferenced: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  const referrers = await findReferrers(req, collection.slug, id)
  if (referrers.length === 0) return
  await recordAudit(
    req,
    {
      event: 'delete_refused',
      actor: actorOf(req),
      subject: `${collection.slug}/${id}`,
      details: { referencedBy: referrers },
    },
    { outsideTransaction: true },
  )
  throw new APIError(refusal(req, collection.slug, referrers), 409, { referencedBy: referrers })
}

/** The collection with the refusal first among its beforeDelete hooks (before any hook that acts on a delete). */
export const keepsEvidence = <T extends Pick<CollectionConfig, 'hooks'>>(collection: T): T => ({
  ...collection,
  hooks: { ...collection.hooks, beforeDelete: [refuseDeletingReferenced, ...(collection.hooks?.beforeDelete ?? [])] },
})
