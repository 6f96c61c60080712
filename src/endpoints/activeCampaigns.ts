import type { Endpoint, PayloadRequest } from 'payload'

import { campaignsForStore, runningCampaignsWhere } from '../lib/campaigns'
import { parseInstant } from '../lib/timeParameters'
import { findStoreBySlug, invalidParameter, publicJson, singleParameter, storeSummary } from './http'

const MALFORMED_AT = {
  ja: 'at は時差付きの ISO 8601 日時（例: 2026-04-01T10:00:00+09:00）か日付（例: 2026-04-01、日本時間の0時）で指定してください。',
  en: 'at must be an ISO 8601 date-time with an offset (e.g. 2026-04-01T10:00:00+09:00) or a day (e.g. 2026-04-01, midnight in Japan).',
}

type ActiveCampaignsQuery = {
  storeSlug: string
  /** The `at` parameter as given; absent means now. */
  at: null | string | undefined
  /** 0 for GraphQL, which resolves relationships itself; 1 for REST, so the banner comes with its URLs. */
  depth: 0 | 1
}

/** The published campaigns a store shows at an instant, in display order: shared by REST and GraphQL. */
export const findActiveCampaigns = async (req: PayloadRequest, { storeSlug, at, depth }: ActiveCampaignsQuery) => {
  const instant = at === null || at === undefined ? new Date() : parseInstant(at)
  if (!instant) throw invalidParameter(req, 'at', MALFORMED_AT)
  const store = await findStoreBySlug(req, storeSlug)
  const { docs: running } = await req.payload.find({
    collection: 'campaigns',
    where: runningCampaignsWhere(instant),
    draft: false,
    depth,
    // Target stores come as names and slugs, not whole store documents.
    populate: { stores: { name: true, slug: true } },
    pagination: false,
    overrideAccess: false,
    req,
  })
  return { store, at: instant, campaigns: campaignsForStore(running, store.id) }
}

/** GET /api/stores/:slug/campaigns/active?at=… */
export const activeCampaignsEndpoint: Endpoint = {
  path: '/:slug/campaigns/active',
  method: 'get',
  handler: async (req) => {
    const { store, at, campaigns } = await findActiveCampaigns(req, {
      storeSlug: String(req.routeParams?.slug),
      at: singleParameter(req, 'at'),
      depth: 1,
    })
    return publicJson({ store: storeSummary(store), at: at.toISOString(), campaigns })
  },
}
