import { type Environment, environment, parseEnvironment } from '../lib/env'

/**
 * How much one GraphQL request may ask of this instance. Each has an environment variable; the defaults leave room
 * for a storefront page (a few lists of ten with their images and authors) and none for a flood packed into one
 * request.
 */
export type GraphqlLimits = {
  /** Highest cost of one operation (see costModel.ts). */
  maxCost: number
  /** Root fields of one operation, aliases and fragments counted: each is at least one database query. */
  maxRootFields: number
  /** Aliased fields anywhere in one operation: aliases repeat a resolver without repeating its name. */
  maxAliases: number
  /** Cost units per point of the per-address API budget (src/lib/apiBudget.ts), rounded up, at least one point. */
  costPerRatePoint: number
  /** Milliseconds one request may run (waiting for a slot included) before it is answered 503. */
  timeBudgetMs: number
  /** GraphQL operations one instance executes at once; more wait for a slot. */
  maxConcurrent: number
  /** Requests that may wait for a slot; more are answered 503 at once. */
  maxQueued: number
}

/** The limits in force: each from its variable (src/lib/env.ts), which a wrong value stops at start. */
export const graphqlLimits = (env: Environment = environment()): GraphqlLimits => ({
  maxCost: env.GRAPHQL_MAX_COST,
  maxRootFields: env.GRAPHQL_MAX_ROOT_FIELDS,
  maxAliases: env.GRAPHQL_MAX_ALIASES,
  costPerRatePoint: env.GRAPHQL_COST_PER_RATE_POINT,
  timeBudgetMs: env.GRAPHQL_TIME_BUDGET_MS,
  maxConcurrent: env.GRAPHQL_MAX_CONCURRENT,
  maxQueued: env.GRAPHQL_MAX_QUEUED,
})

/** The limits with no variable set. */
export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = graphqlLimits(parseEnvironment({}))
