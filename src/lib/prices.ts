import type { Where } from 'payload'

import { type Bilingual, label } from './i18n'
import { jstDay, jstMidnight } from './jst'
import { relationId, type RelationValue } from './relations'
import { REPAIR_MENUS } from './repairMenus'
import { dayAfter } from './timeParameters'

/** A price row as the price list reads it (a Price document at any depth fits). */
export type PriceRow = {
  id: string
  device: RelationValue
  repairMenu: string
  priceYen: number
  store?: RelationValue
  validFrom: string
  validUntil?: string | null
  notes?: string | null
  isSample?: boolean | null
  createdAt: string
}

/** Where a price comes from: the store's own override or HQ's chain-wide row. */
export type PriceSource = 'chain' | 'store'

/** The codes of `source` in a store's price list (REST and GraphQL's StorePriceSource), with their labels. */
export const PRICE_SOURCE_OPTIONS: Array<{ value: PriceSource; label: Bilingual }> = [
  { value: 'store', label: label('店舗独自の価格', "The store's own price") },
  { value: 'chain', label: label('全店共通の価格', 'Chain-wide price') },
]

export type DeviceSummary = { id: string; slug?: string | null; model: string; brand: string }

export type PriceListEntry = {
  repairMenu: string
  priceYen: number
  source: PriceSource
  priceId: string
  validFrom: string
  validUntil: string | null
  isSample: boolean
}

export type PriceListDevice = DeviceSummary & { menus: PriceListEntry[] }

export type PriceHistoryEntry = Omit<PriceListEntry, 'priceId'> & {
  id: string
  notes: string | null
  createdAt: string
  effectiveToday: boolean
}

const chainOrStoreWhere = (storeId: string): Where => ({
  or: [{ store: { exists: false } }, { store: { equals: storeId } }],
})

/** The published rows that may apply to a store on a JST day: the query form of isValidOnDay and appliesToStore. */
export const pricesValidOnDayWhere = (day: string, storeId: string): Where => {
  const nextDayStarts = jstMidnight(dayAfter(day))
  return {
    and: [
      { _status: { equals: 'published' } },
      { validFrom: { less_than: nextDayStarts } },
      { or: [{ validUntil: { exists: false } }, { validUntil: { greater_than_equal: nextDayStarts } }] },
      chainOrStoreWhere(storeId),
    ],
  }
}

/** Every published row of a device that a store's list has shown or will show: chain-wide rows and its own. */
export const publishedDevicePricesWhere = (deviceId: string, storeId: string): Where => ({
  and: [{ _status: { equals: 'published' } }, { device: { equals: deviceId } }, chainOrStoreWhere(storeId)],
})

export const priceSource = (row: PriceRow): PriceSource => (relationId(row.store) === null ? 'chain' : 'store')

/** A chain-wide row applies at every store; an override only at its own store. */
export const appliesToStore = (row: PriceRow, storeId: string): boolean => {
  const store = relationId(row.store)
  return store === null || store === storeId
}

/**
 * Valid on a Japanese calendar day: from the day of validFrom up to, not including, the day of validUntil.
 * Compared as JST days rather than instants because the admin's day picker stores noon of the chosen day.
 */
export const isValidOnDay = (row: PriceRow, day: string): boolean =>
  jstDay(row.validFrom) <= day && (!row.validUntil || day < jstDay(row.validUntil))

const scopeRank = (row: PriceRow) => (priceSource(row) === 'store' ? 1 : 0)

/**
 * Whether `candidate` is charged instead of `current` for the same device and menu: a store's override beats
 * the chain-wide row; within one scope the later validFrom supersedes; on the same validFrom, the later entry.
 */
const supersedes = (candidate: PriceRow, current: PriceRow): boolean => {
  const byScope = scopeRank(candidate) - scopeRank(current)
  if (byScope !== 0) return byScope > 0
  const byValidFrom = Date.parse(candidate.validFrom) - Date.parse(current.validFrom)
  if (byValidFrom !== 0) return byValidFrom > 0
  return Date.parse(candidate.createdAt) > Date.parse(current.createdAt)
}

/** The one row charged per device and repair menu at a store on a day, among the rows given. */
export const effectivePrices = <T extends PriceRow>(
  rows: T[],
  { storeId, day }: { storeId: string; day: string },
): T[] => {
  const chosen = new Map<string, T>()
  for (const row of rows) {
    if (!appliesToStore(row, storeId) || !isValidOnDay(row, day)) continue
    const key = `${relationId(row.device)}/${row.repairMenu}`
    const current = chosen.get(key)
    if (!current || supersedes(row, current)) chosen.set(key, row)
  }
  return [...chosen.values()]
}

const MENU_ORDER = new Map(REPAIR_MENUS.map((menu, index) => [menu.value, index]))
const menuPosition = (repairMenu: string) => MENU_ORDER.get(repairMenu) ?? REPAIR_MENUS.length

/** iPhone 8 before iPhone 10 before iPhone X: numbers inside model names compare as numbers. */
const modelOrder = new Intl.Collator('ja', { numeric: true })

/** Effective rows grouped by device (ordered by model), each device's menus in the order of REPAIR_MENUS. */
export const priceListByDevice = (effective: PriceRow[], devices: DeviceSummary[]): PriceListDevice[] => {
  const menusByDevice = new Map<string, PriceListEntry[]>()
  for (const row of effective) {
    const deviceId = relationId(row.device)
    if (deviceId === null) continue
    const menus = menusByDevice.get(deviceId) ?? []
    menus.push({
      repairMenu: row.repairMenu,
      priceYen: row.priceYen,
      source: priceSource(row),
      priceId: row.id,
      validFrom: row.validFrom,
      validUntil: row.validUntil ?? null,
      isSample: row.isSample ?? false,
    })
    menusByDevice.set(deviceId, menus)
  }
  return devices
    .filter((device) => menusByDevice.has(device.id))
    .sort((a, b) => modelOrder.compare(a.model, b.model))
    .map(({ id, slug, model, brand }) => ({
      id,
      slug: slug ?? null,
      model,
      brand,
      menus: (menusByDevice.get(id) ?? []).sort((a, b) => menuPosition(a.repairMenu) - menuPosition(b.repairMenu)),
    }))
}

const oldestFirst = (a: PriceRow, b: PriceRow) =>
  Date.parse(a.validFrom) - Date.parse(b.validFrom) ||
  menuPosition(a.repairMenu) - menuPosition(b.repairMenu) ||
  Date.parse(a.createdAt) - Date.parse(b.createdAt)

/** A store's rows of one device, oldest first, each marked with whether it is the one charged today. */
export const priceHistory = (
  rows: PriceRow[],
  { storeId, today }: { storeId: string; today: string },
): PriceHistoryEntry[] => {
  const effectiveToday = new Set(effectivePrices(rows, { storeId, day: today }).map((row) => row.id))
  return rows
    .filter((row) => appliesToStore(row, storeId))
    .sort(oldestFirst)
    .map((row) => ({
      id: row.id,
      repairMenu: row.repairMenu,
      priceYen: row.priceYen,
      source: priceSource(row),
      validFrom: row.validFrom,
      validUntil: row.validUntil ?? null,
      isSample: row.isSample ?? false,
      notes: row.notes ?? null,
      createdAt: row.createdAt,
      effectiveToday: effectiveToday.has(row.id),
    }))
}
