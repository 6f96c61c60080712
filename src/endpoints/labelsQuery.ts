import type { GraphQLExtension, PayloadRequest } from 'payload'

import { labelRows } from './labels'

/** The GraphQL side of GET /api/labels: `Labels(collection: String): [Label!]!`, the same rows and the same 400. */
export const labelsQuery: GraphQLExtension = (GraphQL) => {
  const { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const text = { type: new GraphQLNonNull(GraphQLString) }
  const label = new GraphQLObjectType({
    name: 'Label',
    description:
      "A public collection's or global's name (field and code null), a select field's name (code null), or one of its codes.",
    fields: { collection: text, field: { type: GraphQLString }, code: { type: GraphQLString }, ja: text, en: text },
  })
  return {
    Labels: {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(label))),
      description: 'Japanese and English labels of every code the public API returns, and of the public collections.',
      args: {
        collection: { type: GraphQLString, description: 'Only this collection or global (its slug, e.g. stores).' },
      },
      resolve: (_source: unknown, args: { collection?: null | string }, { req }: { req: PayloadRequest }) =>
        labelRows(req, args.collection),
    },
  }
}
