import { randomBytes } from 'node:crypto'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { storeData } from './fixtures'

/** What a sample document may point at: the acting user's store, a device, a picture and an article (for locks). */
export type FuzzScene = { store: string; device: string; image: string; article: string; actor: string }

/** A valid new document, its unique values made from `marker` so that every case starts from a fresh one. */
export type FuzzSample = (scene: FuzzScene, marker: string) => Record<string, unknown>

const body = plainTextToLexical([['本文']])
const day = '2026-04-01T00:00:00+09:00'

/**
 * One valid document per collection of the config, Payload's own included: a new collection joins the fuzz
 * suite with one line here (the suite fails for a collection that has none). Documents with drafts are drafts,
 * and prices stay drafts: a published price is evidence and refuses every later edit.
 */
export const FUZZ_SAMPLES: Record<string, FuzzSample> = {
  'repair-logs': (s, m) => ({
    title: m,
    publishedAt: day,
    store: s.store,
    device: s.device,
    deviceNotListed: false,
    repairMenu: 'battery',
    body,
    beforePhotos: [s.image],
    _status: 'draft',
  }),
  articles: (s, m) => ({
    title: m,
    category: 'iphone_tips',
    publishedAt: day,
    store: s.store,
    body,
    heroImage: s.image,
    seo: { title: m },
    _status: 'draft',
  }),
  media: (_s, m) => ({ alt: m }),
  campaigns: (s, m) => ({
    title: m,
    kind: 'fixed_yen_off',
    value: 1000,
    startsAt: day,
    targetStores: [s.store],
    _status: 'draft',
  }),
  prices: (s, m) => ({
    device: s.device,
    repairMenu: 'screen',
    priceYen: 9800,
    validFrom: day,
    store: s.store,
    notes: m,
    _status: 'draft',
  }),
  devices: (_s, m) => ({ brand: 'apple', model: m, releaseYear: 2020, aliases: [`${m} alias`] }),
  stores: (_s, m) =>
    storeData(m, { openingHours: [{ days: ['mon', 'tue'], opens: '10:00', closes: '19:00' }], latitude: 33.26 }),
  users: (s, m) => ({
    email: `${m}@example.com`,
    password: randomBytes(16).toString('base64url'),
    name: m,
    role: 'staff',
    stores: [s.store],
  }),
  'audit-log': (s, m) => ({ event: 'publish', actor: s.actor, subject: m }),
  'webhook-deliveries': (_s, m) => ({
    deliveryId: m,
    event: 'publish',
    documentCollection: 'articles',
    documentId: m,
    url: 'https://shop.example.jp/hook',
    attempt: 1,
  }),
  'payload-locked-documents': (s) => ({
    document: { relationTo: 'articles', value: s.article },
    user: { relationTo: 'users', value: s.actor },
  }),
  'payload-preferences': (s, m) => ({ key: m, user: { relationTo: 'users', value: s.actor }, value: { columns: [] } }),
  'payload-jobs': (_s, m) => ({ taskSlug: 'schedulePublish', queue: m, input: {} }),
  'payload-migrations': (_s, m) => ({ name: m, batch: 1 }),
  'payload-kv': (_s, m) => ({ key: m, data: { fuzz: true } }),
}
