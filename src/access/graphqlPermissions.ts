import type { GraphQLFieldConfig, GraphQLOutputType } from 'graphql'
import type { GraphQLExtension } from 'payload'

/** The graphql module Payload built its schema with (another copy of it cannot inspect the schema's types). */
type GraphQL = Parameters<GraphQLExtension>[0]

/**
 * A sanitized permission as Payload's access operations answer it (REST's shape): `true` for "everything below
 * allowed", an object with `permission` and `where`, or nested objects; a key left out is not allowed.
 */
type Sanitized = boolean | null | undefined | { [key: string]: Sanitized | unknown }

/**
 * The same permission in the shape of Payload's GraphQL policy types, which expect `{ permission: Boolean! }` at every
 * level: `true` grants every field below it, an absent entry none.
 */
const expand = (GraphQL: GraphQL, value: Sanitized, type: GraphQLOutputType, inherited = false): unknown => {
  const named = GraphQL.getNullableType(type)
  // A scalar is the answer's own value (canAccessAdmin, left out when false), a `where` none below a blanket `true`.
  if (named === GraphQL.GraphQLBoolean) return value === true
  if (!GraphQL.isObjectType(named)) return inherited ? null : (value ?? null)
  const source = typeof value === 'object' && value !== null ? value : null
  return Object.fromEntries(
    Object.entries(named.getFields()).map(([name, field]) => {
      if (name === 'permission') return [name, value === true || source?.permission === true]
      return [
        name,
        source
          ? expand(GraphQL, source[name] as Sanitized, field.type)
          : expand(GraphQL, value === true, field.type, true),
      ]
    }),
  )
}

/**
 * `graphQL.queries`: Payload 3.90's `Access` and `docAccess<Collection>` resolvers return the sanitized REST shape
 * (`read: true`) while the schema asks `read { permission }`, so every such query answered 500 ("Cannot return null
 * for non-nullable field"). The same queries, their answers expanded to the schema's shape, and a global's resolver
 * called with the arguments it takes.
 */
export const permissionQueries: GraphQLExtension = (GraphQL, { config, Query }) => {
  const globalNames = new Set(config.globals.map((global) => `docAccess${global.graphQL ? global.graphQL.name : ''}`))
  return Object.fromEntries(
    Object.entries(Query.fields as Record<string, GraphQLFieldConfig<unknown, unknown>>)
      .filter(
        ([name, field]) => (name === 'Access' || name.startsWith('docAccess')) && typeof field.resolve === 'function',
      )
      .map(([name, field]) => {
        type Args = Parameters<NonNullable<typeof field.resolve>>
        // A global's docAccess resolver takes (source, context), not GraphQL's (source, args, context): it read the
        // arguments as the context and answered 500 to every caller.
        const call = globalNames.has(name)
          ? ([source, , context]: Args) =>
              (field.resolve as unknown as (source: unknown, context: unknown) => unknown)(source, context)
          : (args: Args) => field.resolve!(...args)
        return [
          name,
          { ...field, resolve: async (...args: Args) => expand(GraphQL, (await call(args)) as Sanitized, field.type) },
        ]
      }),
  )
}
