import { positiveWholeNumber } from '../lib/environmentNumber'

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

export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = {
  maxCost: 1000,
  maxRootFields: 10,
  maxAliases: 15,
  costPerRatePoint: 20,
  timeBudgetMs: 10_000,
  maxConcurrent: 4,
  maxQueued: 32,
}

const VARIABLES: Record<keyof GraphqlLimits, string> = {
  maxCost: 'GRAPHQL_MAX_COST',
  maxRootFields: 'GRAPHQL_MAX_ROOT_FIELDS',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  costPerRatePoint: 'GRAPHQL_COST_PER_RATE_POINT',
  timeBudgetMs: 'GRAPHQL_TIME_BUDGET_MS',
  maxConcurrent: 'GRAPHQL_MAX_CONCURRENT',
  maxQueued: 'GRAPHQL_MAX_QUEUED',
}

/** The limits in force: each from its variable, or the default. The server reads them at start, so a wrong value stops it. */
export const graphqlLimits = (): GraphqlLimits =>
  Object.fromEntries(
    (Object.keys(VARIABLES) as (keyof GraphqlLimits)[]).map((key) => [key, positiveWholeNumber(VARIABLES[key], DEFAULT_GRAPHQL_LIMITS[key])]),
  ) as GraphqlLimits
