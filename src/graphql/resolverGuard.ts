import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql'
import type { PayloadRequest } from 'payload'

import { GraphQL } from '@payloadcms/graphql/types'
import { APIError } from 'payload'

import { ratePointsOf, type RequestMeter, meterOf } from './requestMeter'
import { inRequestLanguage } from '../lib/i18n'
import { REFUSALS, refusalMessages } from './refusals'

type Context = { req?: PayloadRequest }
type Resolver = GraphQLFieldResolver<unknown, Context>

/** Payload's error with a status: its GraphQL handler keeps the message and puts the status in extensions. */
const refusal = (
  req: PayloadRequest | undefined,
  meter: RequestMeter,
  code: 'RATE_LIMITED' | 'TIME_BUDGET_SPENT',
  retryAfterSeconds: number,
) => {
  meter.refusal = { code, retryAfterSeconds }
  const message =
    code === 'RATE_LIMITED' ? refusalMessages.rateLimited() : refusalMessages.timeBudgetSpent(meter.timeBudgetMs / 1000)
  return new APIError(inRequestLanguage(message, req), REFUSALS[code], { code })
}

const checkDeadline = (req: PayloadRequest | undefined, meter: RequestMeter) => {
  if (Date.now() > meter.deadline) throw refusal(req, meter, 'TIME_BUDGET_SPENT', 1)
}

/** Spends the operation's cost from its address's budget, once per request; refuses every root field if it cannot. */
const admit = (req: PayloadRequest | undefined, meter: RequestMeter): Promise<void> => {
  meter.admission ??= meter.spend(ratePointsOf(meter.cost ?? 0, meter.costPerRatePoint) - 1).then((answer) => {
    if (!answer.ok) throw refusal(req, meter, 'RATE_LIMITED', answer.retryAfterSeconds)
  })
  return meter.admission
}

/** A root field: pays for the operation before its first database query, and starts nothing past the deadline. */
const guardRoot =
  (resolve: Resolver): Resolver =>
  (source, args, context, info) => {
    const meter = meterOf(context?.req)
    if (!meter) return resolve(source, args, context, info)
    return admit(context.req, meter).then(() => {
      checkDeadline(context.req, meter)
      return resolve(source, args, context, info)
    })
  }

/** A nested field (relationships, joins, uploads load documents): starts nothing past the deadline. */
const guardNested =
  (resolve: Resolver): Resolver =>
  (source, args, context, info) => {
    const meter = meterOf(context?.req)
    if (meter) checkDeadline(context.req, meter)
    return resolve(source, args, context, info)
  }

const guarded = new WeakSet<GraphQLSchema>()

/**
 * Wraps every resolver of the schema Payload executes, once: root fields wait for the budget check and, like
 * nested ones, start no database work once the request's time is up. Payload has no hook on the built schema;
 * its validation rules are the first code that sees it before every execution (see operationLimits.ts).
 */
export const guardResolvers = (schema: GraphQLSchema): void => {
  if (guarded.has(schema)) return
  guarded.add(schema)
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean))
  for (const type of Object.values(schema.getTypeMap())) {
    if (!GraphQL.isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) continue
      field.resolve = roots.has(type) ? guardRoot(field.resolve as Resolver) : guardNested(field.resolve as Resolver)
    }
  }
}
