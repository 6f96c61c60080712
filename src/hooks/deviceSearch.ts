import type { CollectionAfterReadHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook, Where } from 'payload'

import { deviceSearchText, normaliseDeviceSearch } from '../lib/deviceSearch'

/** beforeChange: the hidden search text follows the model name and aliases on every write, from the admin or the API. */
export const storeDeviceSearchText: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const merged = { ...originalDoc, ...data }
  return { ...data, searchText: deviceSearchText(merged.model, merged.aliases) }
}

/** afterRead: the search text is the index's business, not the API's. */
export const omitDeviceSearchText: CollectionAfterReadHook = ({ doc }) => {
  const { searchText: _searchText, ...rest } = doc
  return rest
}

/** The names a search types into: the relationship picker searches `model` (useAsTitle), the list search also `aliases`. */
const SEARCHED_NAMES = new Set(['model', 'aliases'])

/** A `like` on a name also matches the reduced search text, so ｉＰｈｏｎｅ１２, アイフォン12 and ip12 find iPhone 12. */
const widen = (where: Where): Where => {
  const widened: Where = {}
  const extra: Where[] = []
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      widened[key] = value.map((item) => (item && typeof item === 'object' ? widen(item as Where) : item))
      continue
    }
    const like = value && typeof value === 'object' ? (value as { like?: unknown }).like : undefined
    const reduced = typeof like === 'string' ? normaliseDeviceSearch(like) : ''
    if (SEARCHED_NAMES.has(key) && reduced) {
      extra.push({ or: [{ [key]: value } as Where, { searchText: { like: reduced } }] })
      continue
    }
    widened[key] = value as Where[string]
  }
  if (extra.length === 0) return widened
  const parts = Object.keys(widened).length > 0 ? [widened, ...extra] : extra
  return parts.length === 1 ? parts[0] : { and: parts }
}

/** beforeOperation of reads and counts: searches by name go through the reduced spelling too. */
export const searchDevicesByAnyName: CollectionBeforeOperationHook = ({ args, operation }) => {
  const where = 'where' in args ? args.where : undefined
  if ((operation === 'read' || operation === 'count') && where && typeof where === 'object')
    return { ...args, where: widen(where) }
  return args
}
