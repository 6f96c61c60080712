/**
 * What the site's pages need from the CMS, in the CMS's own field names. Both clients (REST and GraphQL) answer in
 * exactly these shapes, so the pages never know which API fed them.
 */

export type Link = { label: string; url?: string | null }

export type SiteSettings = {
  siteName: string
  shortName: string
  seo?: { titleSuffix?: string | null; description?: string | null } | null
  navigation?: Link[] | null
  contact?: { label?: string | null; url?: string | null } | null
  groupSites?: Link[] | null
  booking?: { onlineCallToAction?: string | null } | null
  headings?: { storeRepairLogs?: string | null; chainRepairLogs?: string | null } | null
  footer?: string | null
}

/** One row of the CMS's label tables: a collection (no field), a field (no code) or a code of a field, in Japanese and English. */
export type Label = { collection: string; field: string | null; code: string | null; ja: string; en: string }

export type Picture = {
  url?: string | null
  alt?: string | null
  width?: number | null
  height?: number | null
  sizes?: { card?: { url?: string | null } | null } | null
}

export type Store = {
  slug: string
  name: string
  shortName?: string | null
  sitePath?: string | null
  postalCode: string
  prefecture: string
  city: string
  addressLine: string
  nearestStation?: string | null
  access?: string | null
  latitude?: number | null
  longitude?: number | null
  phone: string
  email?: string | null
  bookingUrl?: string | null
  bookingLinkText?: string | null
  reservationNote?: string | null
  openingHours?: Array<{ days: string[]; opens: string; closes: string }> | null
  regularHolidays?: string | null
  photo?: Picture | null
  seo?: { keyword?: string | null; title?: string | null; description?: string | null } | null
}

export type Campaign = { slug: string; title: string; kind: string }

export type AuthorProfile = { name?: string | null }

/** An article or repair report as a list shows it. */
export type PostSummary = {
  slug: string
  title: string
  publishedAt: string
  excerpt?: string | null
  sitePath?: string | null
  authorProfile?: AuthorProfile | null
}

export type Article = PostSummary & {
  category?: string | null
  bodyHtml?: string | null
  heroImage?: Picture | null
  seo?: { title?: string | null; description?: string | null } | null
}

export type RepairLog = PostSummary & {
  repairMenu: string
  device?: { model: string } | null
  unlistedModel?: string | null
  symptom?: string | null
  cause?: string | null
  bodyHtml?: string | null
  beforePhotos?: Picture[] | null
  afterPhotos?: Picture[] | null
}

export type PriceList = {
  date: string
  devices: Array<{
    slug: string
    model: string
    brand: string
    menus: Array<{ repairMenu: string; priceYen: number; isSample?: boolean | null }>
  }>
}

/** What every page of a store shows around its own content: the chain's settings, the store, its campaigns and reports. */
export type StoreFrame = {
  settings: SiteSettings
  store: Store
  campaigns: Campaign[]
  storeRepairLogs: RepairLog[]
  chainRepairLogs: RepairLog[]
}

export type StorePageData = StoreFrame & { articles: Article[] }
export type ArticlePageData = StoreFrame & { article: Article }
export type RepairLogPageData = StoreFrame & { repairLog: RepairLog }
export type PriceListPageData = StoreFrame & { priceList: PriceList }

/** A client of the CMS: one loader per page; `null` when the CMS answers that the store or post does not exist. */
export type ContentClient = {
  storePage: (store: string) => Promise<StorePageData | null>
  articlePage: (store: string, slug: string) => Promise<ArticlePageData | null>
  repairLogPage: (store: string, slug: string) => Promise<RepairLogPageData | null>
  priceListPage: (store: string) => Promise<PriceListPageData | null>
  stores: () => Promise<{ settings: SiteSettings; stores: Store[] }>
  /** The label tables: codes change only with a release of the CMS, so a site reads them once when it starts. */
  labels: () => Promise<Label[]>
}
