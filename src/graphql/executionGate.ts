import type { Request as ExpressRequest } from 'express'

import { spendApiBudget } from '../lib/apiBudget'
import { languageOf } from '../lib/i18n'
import { type GraphqlLimits, graphqlLimits } from './limits'
import { attachMeter, type RequestMeter } from './requestMeter'
import { REFUSALS, refusalMessages, refusalResponse } from './refusals'

type Execute = (request: Request) => Promise<Response>

/**
 * Payload's answer with the HTTP status of what it means: graphql-http answers 200 to a JSON client whatever
 * happened. A refusal a rule or resolver recorded gets its own status; a request that never ran (a syntax error,
 * an unknown field, variables of the wrong type: errors and no `data`) gets 400.
 */
const withMeaningfulStatus = async (response: Response, meter: RequestMeter): Promise<Response> => {
  const headers = new Headers(response.headers)
  if (meter.refusal) {
    if (meter.refusal.retryAfterSeconds) headers.set('Retry-After', String(meter.refusal.retryAfterSeconds))
    return new Response(response.body, { status: REFUSALS[meter.refusal.code], headers })
  }
  if (response.status !== 200) return response
  const text = await response.text()
  let neverRan = false
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] }
    neverRan = Array.isArray(body.errors) && body.errors.length > 0 && !('data' in body)
  } catch {
    // Not JSON: passed on as it is.
  }
  return new Response(text, { status: neverRan ? 400 : 200, headers })
}

/**
 * The time budget of GraphQL on this instance, in front of Payload's handler: at most GRAPHQL_MAX_CONCURRENT
 * operations run at once and GRAPHQL_MAX_QUEUED wait (more: 503 at once); a request that has not finished within
 * GRAPHQL_TIME_BUDGET_MS of arriving is answered 503 with Retry-After, and its resolvers start no more database
 * work (resolverGuard.ts). Its slot stays taken until Payload is really done, so the cap holds.
 * Also meters each request (requestMeter.ts) and answers Payload's refusals with their HTTP status.
 */
export const graphqlExecutionGate = (limits: GraphqlLimits = graphqlLimits()) => {
  let running = 0
  const waiting: (() => void)[] = []

  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else running -= 1
  }

  /** A slot before the deadline, or false (queue full, or the deadline passed while waiting). */
  const acquire = (deadline: number): Promise<boolean> => {
    if (running < limits.maxConcurrent) {
      running += 1
      return Promise.resolve(true)
    }
    if (waiting.length >= limits.maxQueued) return Promise.resolve(false)
    return new Promise((resolve) => {
      const take = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(take), 1)
        resolve(false)
      }, deadline - Date.now())
      waiting.push(take)
    })
  }

  const budgetSeconds = limits.timeBudgetMs / 1000

  return async (request: Request, req: ExpressRequest, execute: Execute): Promise<Response> => {
    const deadline = Date.now() + limits.timeBudgetMs
    if (!(await acquire(deadline))) {
      return refusalResponse(
        'BUSY',
        refusalMessages.busy()[languageOf(req.acceptsLanguages('ja', 'en'))],
        Math.ceil(budgetSeconds),
      )
    }
    const meter: RequestMeter = {
      deadline,
      timeBudgetMs: limits.timeBudgetMs,
      costPerRatePoint: limits.costPerRatePoint,
      spend: (points) => spendApiBudget(req, points),
    }
    attachMeter(request, meter)

    const execution = execute(request).finally(release)
    let timer: NodeJS.Timeout | undefined
    const timeUp = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))
    })
    const response = await Promise.race([execution, timeUp]).finally(() => clearTimeout(timer))
    if (response) return withMeaningfulStatus(response, meter)
    // Answered now; the execution winds down on its own (its resolvers refuse to start) and frees the slot.
    execution.then(
      (late) => late.body?.cancel(),
      () => undefined,
    )
    return refusalResponse(
      'TIME_BUDGET_SPENT',
      refusalMessages.timeBudgetSpent(budgetSeconds)[languageOf(req.acceptsLanguages('ja', 'en'))],
      Math.ceil(budgetSeconds),
    )
  }
}
