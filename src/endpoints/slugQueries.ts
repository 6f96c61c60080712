import type { GraphQLFieldConfig, GraphQLFieldConfigArgumentMap, GraphQLResolveInfo } from 'graphql'
import type { CollectionSlug, GraphQLExtension, PayloadRequest, Where } from 'payload'

import { findStoreBySlug } from './http'
import { FIND_BY_SLUG_PATH, idOfSlug } from './slugLookups'

type GraphQLContext = { req: PayloadRequest }
type PayloadField = GraphQLFieldConfig<unknown, GraphQLContext, Record<string, unknown>>

/** The posts a store page lists, queried by the store's slug in the same request as the store. */
const STORE_POSTS: { collection: CollectionSlug; query: string }[] = [
  { collection: 'articles', query: 'StoreArticles' },
  { collection: 'repair-logs', query: 'StoreRepairLogs' },
]

/**
 * The GraphQL side of the lookups by slug, built on Payload's own queries so that a frontend meets one schema:
 * - `<Type>BySlug(slug, draft, …)` for every collection serving `GET /api/{collection}/slug/{slug}` (StoreBySlug,
 *   ArticleBySlug, …): Payload's `<Type>(id)` query with the ID the slug names, its type and arguments but `id`;
 * - `StoreArticles` and `StoreRepairLogs(store, where, limit, page, sort, draft, …)`: Payload's `Articles` and
 *   `RepairLogs` lists of one store, named by its slug (Payload's `where` takes only IDs), same access and order.
 * An unknown slug is the REST 404: the field is null and the error has the same message and `statusCode` 404.
 */
export const slugQueries: GraphQLExtension = (GraphQL, { collections, Query }) => {
  const { GraphQLNonNull, GraphQLString } = GraphQL
  const payloadQuery = (name: string): PayloadField => {
    const field = Query.fields[name] as PayloadField | undefined
    if (!field?.resolve) throw new Error(`Payload built no GraphQL query ${name}`)
    return field
  }
  const withoutArgument = (args: GraphQLFieldConfigArgumentMap | undefined, name: string) =>
    Object.fromEntries(Object.entries(args ?? {}).filter(([key]) => key !== name))

  const lookups = Object.values(collections)
    .filter(({ config }) =>
      (config.endpoints || []).some(({ path, method }) => path === FIND_BY_SLUG_PATH && method === 'get'),
    )
    .map(({ config }) => {
      const singular = (config.graphQL && config.graphQL.singularName) || ''
      const byID = payloadQuery(singular)
      const field: PayloadField = {
        type: byID.type,
        description: `The ${singular} with this slug, as ${singular}(id) gives it; null with a 404 error when the caller may read none.`,
        args: { slug: { type: new GraphQLNonNull(GraphQLString) }, ...withoutArgument(byID.args, 'id') },
        resolve: async (source, { slug, ...args }, context, info: GraphQLResolveInfo) => {
          const id = await idOfSlug(context.req, config.slug, String(slug), args.draft === true)
          return byID.resolve!(source, { ...args, id }, context, info)
        },
      }
      return [`${singular}BySlug`, field] as const
    })

  const storePosts = STORE_POSTS.map(({ collection, query }) => {
    const plural = String((collections[collection]?.config.graphQL || {}).pluralName)
    const list = payloadQuery(plural)
    const field: PayloadField = {
      type: list.type,
      description: `${plural} of the store with this slug, as ${plural} lists them (newest first); null with a 404 error for an unknown store.`,
      args: { store: { type: new GraphQLNonNull(GraphQLString), description: 'The store slug.' }, ...list.args },
      resolve: async (source, { store, ...args }, context, info) => {
        const { id } = await findStoreBySlug(context.req, String(store))
        const ofStore: Where = { store: { equals: id } }
        const where = args.where ? { and: [args.where as Where, ofStore] } : ofStore
        return list.resolve!(source, { ...args, where }, context, info)
      },
    }
    return [query, field] as const
  })

  return Object.fromEntries([...lookups, ...storePosts])
}
