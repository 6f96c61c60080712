import type { Article, ContentClient, Label, PriceList, RepairLog, SiteSettings, Store, StoreFrame } from './content.js'
import type { Meter } from './meter.js'

/** Payload's query syntax (`where[store.slug][equals]=saga`, `select[title]=true`) from a flat list of pairs. */
const query = (pairs: Record<string, string | number>) =>
  `?${Object.entries(pairs)
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`,
    )
    .join('&')}`

/** Only the fields a page shows: `select[field]=true` for each, nested paths written `a.b`. */
const selecting = (fields: string[]) =>
  Object.fromEntries(fields.map((field) => [`select[${field.split('.').join('][')}]`, 'true']))

/** The media fields a page shows of a populated picture. */
const PICTURE = {
  'populate[media][url]': 'true',
  'populate[media][alt]': 'true',
  'populate[media][width]': 'true',
  'populate[media][height]': 'true',
  'populate[media][sizes][card][url]': 'true',
}

const POST_SUMMARY = ['title', 'slug', 'publishedAt', 'excerpt', 'sitePath', 'authorProfile']
const REPAIR_SUMMARY = [...POST_SUMMARY, 'repairMenu']

const STORE_FIELDS = [
  'slug',
  'name',
  'shortName',
  'sitePath',
  'postalCode',
  'prefecture',
  'city',
  'addressLine',
  'nearestStation',
  'access',
  'latitude',
  'longitude',
  'phone',
  'email',
  'bookingUrl',
  'bookingLinkText',
  'reservationNote',
  'openingHours',
  'regularHolidays',
  'photo',
  'seo',
]

class NotFound extends Error {}

/** The site over REST: one request per list or document, each asking only for the fields its page shows. */
export const restClient = (meter: Meter): ContentClient => {
  const get = async (path: string) => {
    const { status, json } = await meter.fetchJson(path)
    if (status === 404) throw new NotFound(path)
    if (status !== 200) throw new Error(`${path} answered ${status}`)
    return json
  }

  const frame = async (storeSlug: string): Promise<StoreFrame> => {
    const [settings, store, active, storeLogs, chainLogs] = await Promise.all([
      get('/api/globals/site-settings?depth=0') as Promise<SiteSettings>,
      get(
        `/api/stores/slug/${encodeURIComponent(storeSlug)}${query({ depth: 1, ...selecting(STORE_FIELDS), ...PICTURE })}`,
      ) as Promise<Store>,
      get(`/api/stores/${encodeURIComponent(storeSlug)}/campaigns/active`),
      get(
        `/api/repair-logs${query({ 'where[store.slug][equals]': storeSlug, sort: '-publishedAt', limit: 5, depth: 1, ...selecting(REPAIR_SUMMARY), ...PICTURE })}`,
      ),
      get(
        `/api/repair-logs${query({ sort: '-publishedAt', limit: 5, depth: 1, ...selecting(REPAIR_SUMMARY), ...PICTURE })}`,
      ),
    ])
    return {
      settings,
      store,
      campaigns: active.campaigns,
      storeRepairLogs: storeLogs.docs,
      chainRepairLogs: chainLogs.docs,
    }
  }

  const orNull = async <T>(load: () => Promise<T>): Promise<T | null> => {
    try {
      return await load()
    } catch (error) {
      if (error instanceof NotFound) return null
      throw error
    }
  }

  return {
    storePage: (storeSlug) =>
      orNull(async () => {
        const [base, articles] = await Promise.all([
          frame(storeSlug),
          get(
            `/api/articles${query({ 'where[store.slug][equals]': storeSlug, sort: '-publishedAt', limit: 10, depth: 1, ...selecting([...POST_SUMMARY, 'category', 'heroImage']), ...PICTURE })}`,
          ),
        ])
        return { ...base, articles: articles.docs as Article[] }
      }),
    articlePage: (storeSlug, slug) =>
      orNull(async () => {
        const [base, article] = await Promise.all([
          frame(storeSlug),
          get(
            `/api/articles/slug/${encodeURIComponent(slug)}${query({ depth: 1, ...selecting([...POST_SUMMARY, 'category', 'bodyHtml', 'heroImage', 'seo', 'store']), ...PICTURE, 'populate[stores][slug]': 'true' })}`,
          ),
        ])
        if (article.store?.slug !== storeSlug) throw new NotFound(slug)
        return { ...base, article: article as Article }
      }),
    repairLogPage: (storeSlug, slug) =>
      orNull(async () => {
        const [base, repairLog] = await Promise.all([
          frame(storeSlug),
          get(
            `/api/repair-logs/slug/${encodeURIComponent(slug)}${query({
              depth: 1,
              ...selecting([
                ...POST_SUMMARY,
                'repairMenu',
                'device',
                'unlistedModel',
                'symptom',
                'cause',
                'bodyHtml',
                'beforePhotos',
                'afterPhotos',
                'store',
              ]),
              ...PICTURE,
              'populate[devices][model]': 'true',
              'populate[stores][slug]': 'true',
            })}`,
          ),
        ])
        if (repairLog.store?.slug !== storeSlug) throw new NotFound(slug)
        return { ...base, repairLog: repairLog as RepairLog }
      }),
    priceListPage: (storeSlug) =>
      orNull(async () => {
        const [base, priceList] = await Promise.all([
          frame(storeSlug),
          get(`/api/stores/${encodeURIComponent(storeSlug)}/prices`),
        ])
        return { ...base, priceList: priceList as PriceList }
      }),
    stores: async () => {
      const [settings, stores] = await Promise.all([
        get('/api/globals/site-settings?depth=0') as Promise<SiteSettings>,
        get(
          `/api/stores${query({ 'where[status][equals]': 'open', sort: 'name', limit: 100, depth: 0, ...selecting(['slug', 'name', 'sitePath', 'prefecture', 'city', 'addressLine', 'phone']) })}`,
        ),
      ])
      return { settings, stores: stores.docs as Store[] }
    },
    labels: async () => (await get('/api/labels')).labels as Label[],
  }
}
