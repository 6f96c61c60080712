import type { Endpoint, PayloadRequest } from 'payload'

import type { Device } from '../payload-types'

import { jstDay } from '../lib/jst'
import {
  type DeviceSummary,
  effectivePrices,
  priceHistory,
  priceListByDevice,
  pricesValidOnDayWhere,
  publishedDevicePricesWhere,
} from '../lib/prices'
import { relationId } from '../lib/relations'
import { isCalendarDay } from '../lib/timeParameters'
import {
  findStoreBySlug,
  invalidParameter,
  noDocumentWithSlug,
  publicJson,
  singleParameter,
  storeSummary,
} from './http'

const MALFORMED_DATE = {
  ja: 'date は日付を YYYY-MM-DD 形式（例: 2026-04-01）で指定してください。',
  en: 'date must be a day written YYYY-MM-DD (e.g. 2026-04-01).',
}

const MISSING_DEVICE = {
  ja: 'device に機種のスラッグ（例: iphone-8）を指定してください。',
  en: 'device must name a device by its slug (e.g. iphone-8).',
}

const deviceSummary = ({ id, slug, model, brand }: Pick<Device, 'brand' | 'id' | 'model' | 'slug'>): DeviceSummary => ({
  id,
  slug: slug ?? null,
  model,
  brand,
})

const findDevices = async (req: PayloadRequest, ids: string[]): Promise<DeviceSummary[]> => {
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection: 'devices',
    where: { id: { in: ids } },
    select: { slug: true, model: true, brand: true },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    req,
  })
  return docs.map(deviceSummary)
}

type PriceListQuery = {
  storeSlug: string
  /** The `date` parameter as given; absent means today in Japan. */
  date: null | string | undefined
}

/** A store's effective price list on a JST day, grouped by device: shared by REST and GraphQL. */
export const findStorePriceList = async (req: PayloadRequest, { storeSlug, date }: PriceListQuery) => {
  const day = date === null || date === undefined ? jstDay(new Date()) : date
  if (!isCalendarDay(day)) throw invalidParameter(req, 'date', MALFORMED_DATE)
  const store = await findStoreBySlug(req, storeSlug)
  const { docs: rows } = await req.payload.find({
    collection: 'prices',
    where: pricesValidOnDayWhere(day, store.id),
    draft: false,
    depth: 0,
    pagination: false,
    overrideAccess: false,
    req,
  })
  const effective = effectivePrices(rows, { storeId: store.id, day })
  const deviceIds = [...new Set(effective.map((row) => relationId(row.device)).filter((id) => id !== null))]
  return { store, date: day, devices: priceListByDevice(effective, await findDevices(req, deviceIds)) }
}

/** GET /api/stores/:slug/prices?date=YYYY-MM-DD */
export const storePricesEndpoint: Endpoint = {
  path: '/:slug/prices',
  method: 'get',
  handler: async (req) => {
    const { store, date, devices } = await findStorePriceList(req, {
      storeSlug: String(req.routeParams?.slug),
      date: singleParameter(req, 'date'),
    })
    return publicJson({ store: storeSummary(store), date, devices })
  },
}

/** GET /api/stores/:slug/prices/history?device=… : the record of every price a store has shown for a device. */
export const priceHistoryEndpoint: Endpoint = {
  path: '/:slug/prices/history',
  method: 'get',
  handler: async (req) => {
    const deviceSlug = singleParameter(req, 'device')
    if (!deviceSlug) throw invalidParameter(req, 'device', MISSING_DEVICE)
    const store = await findStoreBySlug(req, String(req.routeParams?.slug))
    const { docs: devices } = await req.payload.find({
      collection: 'devices',
      where: { slug: { equals: deviceSlug } },
      limit: 1,
      depth: 0,
      pagination: false,
      overrideAccess: false,
      req,
    })
    const device = devices[0]
    if (!device) throw noDocumentWithSlug(req, 'devices', deviceSlug)
    const { docs: rows } = await req.payload.find({
      collection: 'prices',
      where: publishedDevicePricesWhere(device.id, store.id),
      draft: false,
      depth: 0,
      pagination: false,
      overrideAccess: false,
      req,
    })
    const today = jstDay(new Date())
    return publicJson({
      store: storeSummary(store),
      device: deviceSummary(device),
      today,
      prices: priceHistory(rows, { storeId: store.id, today }),
    })
  },
}
