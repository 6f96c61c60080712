import type { BudgetAnswer } from '../lib/apiBudget'
import type { RefusalCode } from './refusals'

/**
 * What the Express hand-off and Payload's GraphQL execution share about one request: when its time is up, how to
 * spend its address's API budget, and what the operation cost or why it was refused (for the HTTP status).
 * Payload turns the fetch Request it is handed into its PayloadRequest (the same object), so the meter is found
 * from `context.req` in validation rules and resolvers.
 */
export type RequestMeter = {
  /** Epoch milliseconds after which no resolver starts. */
  deadline: number
  /** The time budget the deadline was set from, for the refusal's message. */
  timeBudgetMs: number
  /** Spends points of the per-address API budget beyond the one point the request already paid. */
  spend: (points: number) => Promise<BudgetAnswer>
  /** Cost units per budget point. */
  costPerRatePoint: number
  /** The operation's cost, set by the validation rule. */
  cost?: number
  /** Set by whatever refused the request; the hand-off answers with its status. */
  refusal?: { code: RefusalCode; retryAfterSeconds?: number }
  /** The budget check of this request, made once, before the first root resolver runs. */
  admission?: Promise<void>
}

const meters = new WeakMap<object, RequestMeter>()

export const attachMeter = (request: Request, meter: RequestMeter): void => {
  meters.set(request, meter)
}

/** The meter of a request that came through the Express hand-off; undefined for anything else. */
export const meterOf = (req: unknown): RequestMeter | undefined =>
  req && typeof req === 'object' ? meters.get(req) : undefined

/** Budget points an operation spends in all: its cost over the scale, rounded up, at least the one of any request. */
export const ratePointsOf = (cost: number, costPerRatePoint: number): number =>
  Math.max(1, Math.ceil(cost / costPerRatePoint))
