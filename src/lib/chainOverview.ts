import type { Payload, PayloadRequest, Where } from 'payload'

import { Forbidden } from 'payload'
import * as qs from 'qs-esm'

import { runningCampaignsWhere } from './campaigns'
import { jstDay, jstMidnight } from './jst'
import { relationId } from './relations'
import { actsForWholeChain } from './rights'

/** "Soon" on HQ's start page: from now through the end of the 14th day after today (JST). */
export const SOON_DAYS = 14
/** A store that has published nothing for this many days (today included) has gone quiet. */
export const QUIET_DAYS = 30

/** Rows shown per section; each figure still counts every matching document and links to all of them. */
const ROWS_SHOWN = 20
/** Campaigns read per window to group them by store: far more than a chain runs at once. */
const CAMPAIGNS_READ = 200
/** Open stores checked for their last post: more than the chain has. */
const STORES_READ = 300

type PostCollection = 'repair-logs' | 'articles'
type ListCollection = 'campaigns' | 'prices' | 'stores'

/** A figure and the admin list that shows exactly the documents it counts. */
export type ListLink = { count: number; href: string; collection: ListCollection }

export type CampaignRow = {
  id: string
  title: string
  startsAt: string
  endsAt: string | null
  draft: boolean
  href: string
}
/** The campaigns of one window at one store; storeId null is a chain-wide campaign (全店舗). */
export type CampaignGroup = {
  storeId: string | null
  storeName: string | null
  campaigns: CampaignRow[]
  list: ListLink
}
export type CampaignWindow = { list: ListLink; groups: CampaignGroup[]; complete: boolean }

export type PriceRowSummary = {
  id: string
  device: string
  repairMenu: string
  priceYen: number
  store: string | null
  validFrom: string
  href: string
}
export type PriceSection = { list: ListLink; rows: PriceRowSummary[] }

export type LastPost = { collection: PostCollection; title: string; publishedAt: string; href: string }
export type QuietStore = { id: string; name: string; href: string; lastPost: LastPost | null }
export type QuietSection = { list: ListLink; stores: QuietStore[] }

export type ChainOverview = {
  today: string
  /** The last JST day that "soon" covers. */
  soonUntil: string
  /** Stores whose last post is before this JST day are quiet. */
  quietSince: string
  campaigns: { live: CampaignWindow; starting: CampaignWindow; ending: CampaignWindow }
  prices: { drafts: PriceSection; upcoming: PriceSection }
  quietStores: QuietSection
}

type User = NonNullable<PayloadRequest['user']>

/** HQ and admin start on the chain view; staff and managers on their own store's posts. */
export const startsOnChainOverview = (user: PayloadRequest['user'] | undefined): boolean => actsForWholeChain(user)

/** The calendar day `count` days after `day` (before it when negative), both YYYY-MM-DD. */
const daysAfter = (day: string, count: number): string => {
  const date = new Date(`${day}T00:00:00.000Z`)
  date.setUTCDate(date.getUTCDate() + count)
  return date.toISOString().slice(0, 10)
}

/** The list URL as the admin itself writes it (qs-esm), so the list view parses back the same where. */
const listHref = (adminRoute: string, collection: ListCollection, where: Where): string =>
  `${adminRoute}/collections/${collection}${qs.stringify({ where }, { addQueryPrefix: true })}`

const and = (...constraints: Where[]): Where => ({ and: constraints })

/** `where` narrowed by one more constraint, kept flat so the query string stays within the depth the admin parses (10). */
const narrowed = (where: Where, constraint: Where): Where =>
  and(...(Array.isArray(where.and) ? where.and : [where]), constraint)

/**
 * What HQ looks at first: campaigns live and starting or ending soon by store, price rows waiting as drafts or
 * taking effect soon, and stores that have gone quiet. Every query runs with the user's own access and with
 * `draft: true`, as the admin's list view does, so each figure equals the count of the list it links to.
 */
export const chainOverview = async (
  payload: Payload,
  user: User,
  { now = new Date() }: { now?: Date } = {},
): Promise<ChainOverview> => {
  if (!startsOnChainOverview(user)) throw new Forbidden()
  const adminRoute = payload.config.routes.admin
  const today = jstDay(now)
  const soonUntil = daysAfter(today, SOON_DAYS)
  const soonEnds = jstMidnight(daysAfter(soonUntil, 1))
  const quietSince = daysAfter(today, -(QUIET_DAYS - 1))
  const access = { overrideAccess: false, user, depth: 0, draft: true } as const

  const link = (collection: ListCollection, where: Where, count: number): ListLink => ({
    collection,
    count,
    href: listHref(adminRoute, collection, where),
  })
  const editHref = (collection: string, id: string) => `${adminRoute}/collections/${collection}/${id}`

  const storeNames = async (ids: string[]): Promise<Map<string, string>> => {
    if (ids.length === 0) return new Map()
    const { docs } = await payload.find({
      collection: 'stores',
      where: { id: { in: ids } },
      select: { name: true },
      limit: ids.length,
      ...access,
    })
    return new Map(docs.map((store) => [String(store.id), store.name]))
  }

  const campaignWindow = async (where: Where): Promise<CampaignWindow> => {
    const { docs, totalDocs } = await payload.find({
      collection: 'campaigns',
      where,
      sort: 'startsAt',
      limit: CAMPAIGNS_READ,
      select: { title: true, startsAt: true, endsAt: true, targetStores: true, _status: true },
      ...access,
    })
    const byStore = new Map<string | null, CampaignRow[]>()
    for (const doc of docs) {
      const row: CampaignRow = {
        id: String(doc.id),
        title: doc.title,
        startsAt: doc.startsAt,
        endsAt: doc.endsAt ?? null,
        draft: doc._status === 'draft',
        href: editHref('campaigns', String(doc.id)),
      }
      // No target stores means every store (isTargetedAt): such a campaign is listed once, as 全店舗.
      const stores = (doc.targetStores ?? []).map((store) => relationId(store))
      for (const storeId of stores.length > 0 ? stores : [null])
        byStore.set(storeId, [...(byStore.get(storeId) ?? []), row])
    }
    const names = await storeNames([...byStore.keys()].filter((id): id is string => id !== null))
    const storeOrder = new Intl.Collator('ja')
    const groups = [...byStore.entries()]
      .map(([storeId, campaigns]) => ({
        storeId,
        storeName: storeId === null ? null : (names.get(storeId) ?? storeId),
        campaigns,
        list: link(
          'campaigns',
          narrowed(where, storeId === null ? { targetStores: { exists: false } } : { targetStores: { in: storeId } }),
          campaigns.length,
        ),
      }))
      .sort((a, b) =>
        a.storeName === null ? -1 : b.storeName === null ? 1 : storeOrder.compare(a.storeName, b.storeName),
      )
    return { list: link('campaigns', where, totalDocs), groups, complete: docs.length === totalDocs }
  }

  const priceSection = async (where: Where): Promise<PriceSection> => {
    const { docs, totalDocs } = await payload.find({
      collection: 'prices',
      where,
      sort: 'validFrom',
      limit: ROWS_SHOWN,
      select: { device: true, repairMenu: true, priceYen: true, store: true, validFrom: true },
      ...access,
    })
    const deviceIds = [...new Set(docs.map((doc) => relationId(doc.device)).filter((id) => id !== null))]
    const [devices, stores] = await Promise.all([
      deviceIds.length === 0
        ? { docs: [] }
        : payload.find({
            collection: 'devices',
            where: { id: { in: deviceIds } },
            select: { model: true },
            limit: deviceIds.length,
            ...access,
          }),
      storeNames([...new Set(docs.map((doc) => relationId(doc.store)).filter((id) => id !== null))]),
    ])
    const models = new Map(devices.docs.map((device) => [String(device.id), device.model]))
    return {
      list: link('prices', where, totalDocs),
      rows: docs.map((doc) => {
        const storeId = relationId(doc.store)
        const deviceId = relationId(doc.device) ?? ''
        return {
          id: String(doc.id),
          device: models.get(deviceId) ?? deviceId,
          repairMenu: doc.repairMenu,
          priceYen: doc.priceYen,
          store: storeId === null ? null : (stores.get(storeId) ?? storeId),
          validFrom: doc.validFrom,
          href: editHref('prices', String(doc.id)),
        }
      }),
    }
  }

  const lastPost = async (storeId: string): Promise<LastPost | null> => {
    const latest = await Promise.all(
      (['repair-logs', 'articles'] as const).map(async (collection) => {
        const { docs } = await payload.find({
          collection,
          where: and(
            { store: { equals: storeId } },
            { _status: { equals: 'published' } },
            { publishedAt: { less_than_equal: now.toISOString() } },
          ),
          sort: '-publishedAt',
          limit: 1,
          select: { title: true, publishedAt: true },
          ...access,
        })
        const [doc] = docs
        return doc
          ? { collection, title: doc.title, publishedAt: doc.publishedAt, href: editHref(collection, String(doc.id)) }
          : null
      }),
    )
    const found = latest.filter((post) => post !== null)
    return found.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0] ?? null
  }
  const quietStores = async (): Promise<QuietSection> => {
    // Open stores only: a store not open yet or closed is not expected to post. Each store's last post is one
    // indexed lookup per post collection, exact however many posts a store has.
    const open = await payload.find({
      collection: 'stores',
      where: { status: { equals: 'open' } },
      sort: 'name',
      limit: STORES_READ,
      select: { name: true },
      ...access,
    })
    const withLastPost = await Promise.all(
      open.docs.map(async (store) => ({ store, lastPost: await lastPost(String(store.id)) })),
    )
    const quietFrom = jstMidnight(quietSince)
    const isQuiet = ({ lastPost }: { lastPost: LastPost | null }) => !lastPost || lastPost.publishedAt < quietFrom
    const posted = withLastPost.filter((entry) => !isQuiet(entry)).map(({ store }) => String(store.id))
    // The stores that posted are left out by ID, comma-separated because qs parses an array of more than 20 items in
    // a query string as an object.
    const where = and(
      { status: { equals: 'open' } },
      ...(posted.length > 0 ? [{ id: { not_in: posted.join(',') } }] : []),
    )
    const quiet = withLastPost.filter(isQuiet)
    return {
      list: link('stores', where, quiet.length),
      stores: quiet.slice(0, ROWS_SHOWN).map(({ store, lastPost }) => ({
        id: String(store.id),
        name: store.name,
        href: editHref('stores', String(store.id)),
        lastPost,
      })),
    }
  }

  const nowIso = now.toISOString()
  const [live, starting, ending, drafts, upcoming, quiet] = await Promise.all([
    campaignWindow(runningCampaignsWhere(now)),
    // Drafts included: a campaign about to start that nobody published yet is what HQ most needs to see.
    campaignWindow(and({ startsAt: { greater_than: nowIso } }, { startsAt: { less_than: soonEnds } })),
    campaignWindow(
      and(
        { _status: { equals: 'published' } },
        { endsAt: { greater_than: nowIso } },
        { endsAt: { less_than: soonEnds } },
      ),
    ),
    priceSection({ _status: { equals: 'draft' } }),
    priceSection(
      and(
        { _status: { equals: 'published' } },
        { validFrom: { greater_than_equal: jstMidnight(daysAfter(today, 1)) } },
        { validFrom: { less_than: soonEnds } },
      ),
    ),
    quietStores(),
  ])
  return {
    today,
    soonUntil,
    quietSince,
    campaigns: { live, starting, ending },
    prices: { drafts, upcoming },
    quietStores: quiet,
  }
}
