import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'

import { article7pay } from '../../seed/data/article7pay'
import { inOneTransaction } from '../../seed/oneTransaction'
import { deriveExcerpt } from '../../src/hooks/deriveExcerpt'
import { jstDay } from '../../src/lib/jst'
import { plainTextToLexical, type RichText } from '../../src/lib/lexicalText'

export type BulkBody = 'short' | '7pay'

export type BulkArticlesOptions = {
  /** How many published articles to add. */
  count: number
  /** `short`: two sentences; `7pay`: as long as the seeded 7pay article (its eleven paragraphs). */
  body?: BulkBody
  /** Stores the articles are spread over, in turn; every store in the database when left out. */
  storeIds?: string[]
  /** The newest article's date; the others go back one every five hours from it, so lists span years. */
  newest?: Date
  /** Articles written per transaction: large enough to be fast, small enough not to hold the write lock long. */
  batchSize?: number
}

const DEVICES = [
  'iPhone 8',
  'iPhone X',
  'iPhone 11',
  'iPhone 12 mini',
  'iPhone 13',
  'iPhone SE',
  'Xperia 10 IV',
  'Galaxy S22',
  'AQUOS sense7',
  'Pixel 7a',
]
const TOPICS = [
  { title: '画面割れを即日修理しました', words: 'screen-repair' },
  { title: 'バッテリー交換で電池持ちが復活', words: 'battery' },
  { title: '水没からのデータ復旧', words: 'water-damage' },
  { title: '充電できない時のチェックポイント', words: 'charging' },
  { title: 'カメラのピントが合わない原因', words: 'camera' },
  { title: 'ガラスコーティングのご案内', words: 'coating' },
]
const CATEGORIES = ['iphone_tips', 'smartphone_tips', 'news'] as const
const HOURS_BETWEEN_ARTICLES = 5

type Content = { body: RichText; excerpt?: string }
const contents = new Map<string, Content>()
/**
 * The body of an article and the excerpt the collection's own hook derives from it. Bodies repeat (one per device
 * and topic, or the 7pay text), so each is built once.
 */
const contentOf = (kind: BulkBody, device: string, topic: string): Content => {
  const key = kind === '7pay' ? kind : `${device}\n${topic}`
  const known = contents.get(key)
  if (known) return known
  const body = plainTextToLexical(
    kind === '7pay'
      ? article7pay.paragraphs
      : [[`${device}の${topic}。`, '店頭で無料診断を行っていますので、お気軽にご来店ください。']],
  )
  const derived = deriveExcerpt({ data: { body } } as unknown as Parameters<typeof deriveExcerpt>[0]) as {
    excerpt?: string
  }
  const content = { body, excerpt: derived.excerpt }
  contents.set(key, content)
  return content
}

/**
 * Adds `count` published articles as fast as the database takes them, for the benchmark and the query-plan tests:
 * straight through the database adapter (no access checks, hooks or per-document validation: the data is built
 * valid here, the excerpt by the collection's own hook function), with the version row the Local API would write,
 * many per transaction. Titles, slugs (unique: each carries its number), categories, stores and dates vary the way
 * a chain's posts do. Answers the IDs, newest first.
 */
export const addPublishedArticles = async (
  payload: Payload,
  {
    count,
    body = 'short',
    storeIds,
    newest = new Date('2026-11-30T01:00:00.000Z'),
    batchSize = 500,
  }: BulkArticlesOptions,
): Promise<string[]> => {
  const stores =
    storeIds ??
    (
      await payload.find({ collection: 'stores', limit: 0, pagination: false, depth: 0, overrideAccess: true })
    ).docs.map((store) => store.id)
  if (stores.length === 0)
    throw new Error('addPublishedArticles needs at least one store (seed first, or pass storeIds)')
  const { docs: admins } = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    pagination: false,
  })
  const author = admins[0]?.id

  const ids: string[] = []
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize)
    await inOneTransaction(payload, async (req) => {
      for (let index = start; index < end; index += 1) {
        const id = randomUUID()
        const data = articleData(index, { body, stores, author, newest })
        // Our own ID (the collection's are UUIDs) spares the adapter reading each row back.
        await payload.db.create({ collection: 'articles', customID: id, data, req, returning: false })
        await payload.db.createVersion({
          collectionSlug: 'articles',
          parent: id,
          versionData: { ...data, id },
          autosave: false,
          createdAt: data.createdAt,
          updatedAt: data.updatedAt,
          req,
          returning: false,
        })
        ids.push(id)
      }
    })
  }
  return ids
}

const articleData = (
  index: number,
  { body, stores, author, newest }: { body: BulkBody; stores: string[]; author?: string; newest: Date },
) => {
  const device = DEVICES[index % DEVICES.length]
  const topic = TOPICS[Math.floor(index / DEVICES.length) % TOPICS.length]
  const publishedAt = new Date(newest.getTime() - index * HOURS_BETWEEN_ARTICLES * 3_600_000).toISOString()
  const title = `${device} ${topic.title}（No.${index + 1}）`
  const deviceWords = device.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return {
    title,
    slug: `${jstDay(publishedAt)}-${deviceWords}-${topic.words}-${index + 1}`,
    category: CATEGORIES[index % CATEGORIES.length],
    publishedAt,
    publishedAt_tz: 'Asia/Tokyo',
    store: stores[index % stores.length],
    ...(author ? { author } : {}),
    ...contentOf(body, device, topic.title),
    _status: 'published' as const,
    createdAt: publishedAt,
    updatedAt: publishedAt,
  }
}
