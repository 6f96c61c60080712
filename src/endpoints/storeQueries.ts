import type { GraphQLOutputType } from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { PRICE_SOURCE_OPTIONS } from '../lib/prices'
import { findActiveCampaigns } from './activeCampaigns'
import { findStorePriceList } from './storePrices'

type GraphQLContext = { req: PayloadRequest }

/**
 * The GraphQL side of the store endpoints: the same answers and errors as REST, built on Payload's generated
 * types (Campaign, Store, the Price and Device enums, DateTime) so clients meet one schema. `at` and `date` are
 * strings, not DateTime, because a calendar day (2026-04-01) is as valid here as over REST.
 */
export const storeQueries: GraphQLExtension = (GraphQL, { collections }) => {
  const {
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
    isNonNullType,
  } = GraphQL
  const generatedType = (slug: string) => {
    const type = collections[slug]?.graphQL?.type
    if (!type) throw new Error(`Payload built no GraphQL type for the ${slug} collection`)
    return type
  }
  const priceFields = generatedType('prices').getFields()
  const deviceFields = generatedType('devices').getFields()
  const nullable = (type: GraphQLOutputType) => (isNonNullType(type) ? type.ofType : type)
  const nonNull = (type: GraphQLOutputType) => new GraphQLNonNull(nullable(type))
  const dateTime = nullable(priceFields.validFrom.type)

  const priceSource = new GraphQLEnumType({
    name: 'StorePriceSource',
    description: "store: the store's own override; chain: HQ's chain-wide price.",
    values: Object.fromEntries(PRICE_SOURCE_OPTIONS.map(({ value }) => [value, { value }])),
  })
  const priceListMenu = new GraphQLObjectType({
    name: 'StorePriceListMenu',
    fields: {
      repairMenu: { type: nonNull(priceFields.repairMenu.type) },
      priceYen: { type: new GraphQLNonNull(GraphQLInt) },
      source: { type: new GraphQLNonNull(priceSource) },
      priceId: { type: new GraphQLNonNull(GraphQLString) },
      validFrom: { type: nonNull(dateTime) },
      validUntil: { type: dateTime },
      isSample: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  })
  const priceListDevice = new GraphQLObjectType({
    name: 'StorePriceListDevice',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLString) },
      slug: { type: GraphQLString },
      model: { type: new GraphQLNonNull(GraphQLString) },
      brand: { type: nonNull(deviceFields.brand.type) },
      menus: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(priceListMenu))) },
    },
  })
  const priceList = new GraphQLObjectType({
    name: 'StorePriceList',
    fields: {
      store: { type: new GraphQLNonNull(generatedType('stores')) },
      date: { type: new GraphQLNonNull(GraphQLString), description: 'The JST day (YYYY-MM-DD) the list is for.' },
      devices: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(priceListDevice))) },
    },
  })

  return {
    ActiveCampaigns: {
      type: new GraphQLList(new GraphQLNonNull(generatedType('campaigns'))),
      description: 'Published campaigns running at a store at an instant (default now), highest priority first.',
      args: {
        store: { type: new GraphQLNonNull(GraphQLString), description: 'The store slug.' },
        at: { type: GraphQLString, description: 'ISO 8601 date-time with offset, or YYYY-MM-DD for midnight JST.' },
      },
      resolve: async (_source: unknown, args: { store: string; at?: null | string }, { req }: GraphQLContext) =>
        (await findActiveCampaigns(req, { storeSlug: args.store, at: args.at, depth: 0 })).campaigns,
    },
    StorePriceList: {
      type: priceList,
      description: "A store's effective price list on a JST day (default today), grouped by device.",
      args: {
        store: { type: new GraphQLNonNull(GraphQLString), description: 'The store slug.' },
        date: { type: GraphQLString, description: 'YYYY-MM-DD, a day in Japan.' },
      },
      resolve: (_source: unknown, args: { store: string; date?: null | string }, { req }: GraphQLContext) =>
        findStorePriceList(req, { storeSlug: args.store, date: args.date }),
    },
  }
}
