import type { CollectionConfig } from 'payload'

type Indexes = NonNullable<CollectionConfig['indexes']>

/**
 * Compound indexes that serve a collection's lists in their order. Payload sorts every list by the requested field
 * and then by `createdAt` (its tie-break), and the public reads only published documents (`_status`), so an index
 * on (filters…, `_status`, order…, `createdAt`) answers a page by walking it: no scan of every published row and
 * no temporary sort, however many documents there are (tests/delivery/queryPlans.test.ts checks each public query).
 *
 * `order` is the list's sort field; `filters` the fields frontends list by (a store, a device, a category). Set
 * `published: false` for collections without drafts.
 */
export const listIndexes = ({
  order,
  filters = [],
  published = true,
}: {
  order: string
  filters?: string[]
  published?: boolean
}): Indexes => {
  const sorted = [...(published ? ['_status'] : []), order, 'createdAt']
  return [{ fields: sorted }, ...filters.map((filter) => ({ fields: [filter, ...sorted] }))]
}
