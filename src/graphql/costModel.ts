import type { GraphQLCompositeType, GraphQLNamedType, GraphQLOutputType } from 'graphql'
import type { ComplexityEstimator } from 'graphql-query-complexity'

// The graphql module Payload built its schema with: type checks against another copy would fail (see NOTES-payload.md).
import { GraphQL } from '@payloadcms/graphql/types'

/** Documents a list returns when the query names no limit: Payload's default page size. */
export const DEFAULT_PAGE_SIZE = 10
/** What a list without a bound (`limit: 0`, a negative limit, `pagination: false` without a limit) is priced as. */
export const UNBOUNDED_LIST_SIZE = 1000
/** A root field is at least one database query with its access checks: in time, about one REST read. */
export const DATABASE_QUERY_COST = 10

/** What the walk of one operation found besides its cost. */
export type OperationTally = { rootFields: number; aliases: number }

/** Payload's paginated answers (Articles, versionsArticles, join fields): `docs` plus counts. */
const isPaginated = (type: GraphQLNamedType): boolean => {
  if (!GraphQL.isObjectType(type)) return false
  const fields = type.getFields()
  return 'docs' in fields && ('totalDocs' in fields || 'hasNextPage' in fields)
}

/** Documents a paginated field can return, as Payload's find reads its arguments. */
const pageSizeOf = (args: Record<string, unknown>): number => {
  const { limit, pagination } = args
  if (typeof limit !== 'number') return pagination === false ? UNBOUNDED_LIST_SIZE : DEFAULT_PAGE_SIZE
  return limit > 0 ? limit : UNBOUNDED_LIST_SIZE
}

const isList = (type: GraphQLOutputType): boolean => GraphQL.isListType(GraphQL.getNullableType(type))

/**
 * The cost of one field where it appears in an operation, for graphql-query-complexity's walk (which expands
 * fragments, honours @skip/@include and reads arguments and variables as execution will):
 * - every field costs 1, plus what its selections cost;
 * - a paginated list (Articles, versions, joins) costs its selections once per document it can return: its
 *   `limit`, Payload's default page size without one, UNBOUNDED_LIST_SIZE when unbounded (the counts beside
 *   `docs` are multiplied too: the walk prices a field from the sum of its selections);
 * - a relationship or upload costs what Payload's schema says (`extensions.complexity`, 10 unless a field sets
 *   `graphQL.complexity`: it loads documents), and a has-many one its selections once per default page;
 * - a root field (query or mutation) costs DATABASE_QUERY_COST more: each alias of it runs its resolver again.
 * Aliases and root fields are counted into `tally` for the caps of operationLimits.ts.
 */
export const costEstimator =
  (roots: ReadonlySet<GraphQLCompositeType>, tally: OperationTally): ComplexityEstimator =>
  ({ type, field, node, args, childComplexity }) => {
    const isRoot = roots.has(type)
    if (isRoot) tally.rootFields += 1
    if (node.alias && node.alias.value !== node.name.value) tally.aliases += 1

    const declared = typeof field.extensions?.complexity === 'number' ? field.extensions.complexity : undefined
    const copies = isPaginated(GraphQL.getNamedType(field.type))
      ? pageSizeOf(args)
      : declared !== undefined && isList(field.type)
        ? DEFAULT_PAGE_SIZE
        : 1
    return (declared ?? 1) + copies * childComplexity + (isRoot ? DATABASE_QUERY_COST : 0)
  }
