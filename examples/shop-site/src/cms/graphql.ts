import type { ContentClient, Label } from './content.js'
import type { Meter } from './meter.js'

const PICTURE = 'url alt width height sizes { card { url } }'
const POST_SUMMARY = 'slug title publishedAt excerpt sitePath authorProfile { name }'
const REPAIR_SUMMARY = `${POST_SUMMARY} repairMenu`

/** Everything a store page shows around its own content, as fragments of the page's one query. */
const FRAME = `
  settings: SiteSetting {
    siteName shortName seo { titleSuffix description } navigation { label url } contact { label url }
    groupSites { label url } booking { onlineCallToAction } headings { storeRepairLogs chainRepairLogs } footer
  }
  store: StoreBySlug(slug: $store) {
    slug name shortName sitePath postalCode prefecture city addressLine nearestStation access latitude longitude phone email
    bookingUrl bookingLinkText reservationNote openingHours { days opens closes } regularHolidays photo { ${PICTURE} }
    seo { keyword title description }
  }
  campaigns: ActiveCampaigns(store: $store) { slug title kind }
  storeRepairLogs: StoreRepairLogs(store: $store, limit: 5, sort: "-publishedAt") { docs { ${REPAIR_SUMMARY} } }
  chainRepairLogs: RepairLogs(limit: 5, sort: "-publishedAt") { docs { ${REPAIR_SUMMARY} } }
`

const QUERIES = {
  storePage: `query StorePage($store: String!) {
    ${FRAME}
    articles: StoreArticles(store: $store, limit: 10, sort: "-publishedAt") { docs { ${POST_SUMMARY} category heroImage { ${PICTURE} } } }
  }`,
  articlePage: `query ArticlePage($store: String!, $slug: String!) {
    ${FRAME}
    article: ArticleBySlug(slug: $slug) {
      ${POST_SUMMARY} category bodyHtml heroImage { ${PICTURE} } seo { title description } store { slug }
    }
  }`,
  repairLogPage: `query RepairLogPage($store: String!, $slug: String!) {
    ${FRAME}
    repairLog: RepairLogBySlug(slug: $slug) {
      ${POST_SUMMARY} repairMenu device { model } unlistedModel symptom cause bodyHtml
      beforePhotos { ${PICTURE} } afterPhotos { ${PICTURE} } store { slug }
    }
  }`,
  priceListPage: `query PriceListPage($store: String!) {
    ${FRAME}
    priceList: StorePriceList(store: $store) { date devices { slug model brand menus { repairMenu priceYen isSample } } }
  }`,
  stores: `query Stores {
    settings: SiteSetting { siteName shortName seo { titleSuffix description } footer }
    stores: Stores(where: { status: { equals: open } }, sort: "name", limit: 100) { docs { slug name sitePath prefecture city addressLine phone } }
  }`,
  labels: `query Labels { Labels { collection field code ja en } }`,
}

/** The statusCode the CMS gives a GraphQL error, the same as REST's status for the same request. */
const isNotFound = (errors: Array<{ extensions?: { statusCode?: number } }> | undefined) =>
  errors?.some((error) => error.extensions?.statusCode === 404) ?? false

/**
 * The site over GraphQL: each page is ONE query, sent as a GET so the CMS's response cache and ETags serve it like
 * any REST read. Unknown stores and posts come back as a null field with a 404 error, as REST answers 404.
 */
export const graphqlClient = (meter: Meter): ContentClient => {
  const run = async (name: keyof typeof QUERIES, variables: Record<string, string> = {}) => {
    const params = new URLSearchParams({
      query: QUERIES[name].replace(/\s+/g, ' ').trim(),
      variables: JSON.stringify(variables),
    })
    const { status, json } = await meter.fetchJson(`/api/graphql?${params}`)
    if (isNotFound(json?.errors)) return null
    if (status !== 200 || json?.errors?.length)
      throw new Error(`GraphQL ${name} answered ${status}: ${json?.errors?.[0]?.message}`)
    return json.data
  }

  const frame = (data: any) => ({
    settings: data.settings,
    store: data.store,
    campaigns: data.campaigns,
    storeRepairLogs: data.storeRepairLogs.docs,
    chainRepairLogs: data.chainRepairLogs.docs,
  })

  return {
    storePage: async (store) => {
      const data = await run('storePage', { store })
      return data && { ...frame(data), articles: data.articles.docs }
    },
    articlePage: async (store, slug) => {
      const data = await run('articlePage', { store, slug })
      return data && data.article.store?.slug === store ? { ...frame(data), article: data.article } : null
    },
    repairLogPage: async (store, slug) => {
      const data = await run('repairLogPage', { store, slug })
      return data && data.repairLog.store?.slug === store ? { ...frame(data), repairLog: data.repairLog } : null
    },
    priceListPage: async (store) => {
      const data = await run('priceListPage', { store })
      return data && { ...frame(data), priceList: data.priceList }
    },
    stores: async () => {
      const data = await run('stores')
      return { settings: data.settings, stores: data.stores.docs }
    },
    labels: async () => (await run('labels')).Labels as Label[],
  }
}
