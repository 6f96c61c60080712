import type { ExecutionArgs, GraphQLCompositeType, ValidationContext, ValidationRule } from 'graphql'
import type { PayloadRequest } from 'payload'

import { GraphQL } from '@payloadcms/graphql/types'
import { createComplexityRule } from 'graphql-query-complexity'

import { costEstimator, type OperationTally } from './costModel'
import { graphqlLimits } from './limits'
import { meterOf } from './requestMeter'
import { inRequestLanguage } from '../lib/i18n'
import { type RefusalCode, REFUSALS, refusalMessages } from './refusals'
import { guardResolvers } from './resolverGuard'

/** Fields the cost walk may visit (fragments expanded) before it gives up and refuses the operation. */
const MAX_EVALUATED_NODES = 10_000

/**
 * Payload's `graphQL.validationRules`: runs on the document Payload parsed and is about to execute, with its
 * variables, after the specification's rules. Prices the operation with graphql-query-complexity and the cost
 * model of costModel.ts and refuses it (HTTP 400 through the hand-off, see executionGate.ts) when it costs more
 * than GRAPHQL_MAX_COST, asks for more root fields than GRAPHQL_MAX_ROOT_FIELDS or uses more aliases than
 * GRAPHQL_MAX_ALIASES. Also puts the resolver guard on the schema (resolverGuard.ts).
 */
export const operationLimits = (args: ExecutionArgs): ValidationRule[] => {
  guardResolvers(args.schema)
  const req = (args.contextValue as { req?: PayloadRequest } | undefined)?.req
  const meter = meterOf(req)

  const rule: ValidationRule = (context: ValidationContext) => {
    const limits = graphqlLimits()
    const schema = context.getSchema()
    const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean) as GraphQLCompositeType[])
    const tally: OperationTally = { rootFields: 0, aliases: 0 }

    const refuse = (code: RefusalCode, message: { ja: string; en: string }, details: Record<string, number>) => {
      if (meter) meter.refusal ??= { code }
      context.reportError(
        new GraphQL.GraphQLError(inRequestLanguage(message, req), {
          extensions: { code, statusCode: REFUSALS[code], ...details },
        }),
      )
    }

    const judge = (cost: number) => {
      if (meter) meter.cost = cost
      if (tally.rootFields > limits.maxRootFields) {
        refuse('TOO_MANY_ROOT_FIELDS', refusalMessages.rootFields(tally.rootFields, limits.maxRootFields), {
          rootFields: tally.rootFields,
          maxRootFields: limits.maxRootFields,
        })
      }
      if (tally.aliases > limits.maxAliases) {
        refuse('TOO_MANY_ALIASES', refusalMessages.aliases(tally.aliases, limits.maxAliases), {
          aliases: tally.aliases,
          maxAliases: limits.maxAliases,
        })
      }
      if (cost > limits.maxCost)
        refuse('COST_TOO_HIGH', refusalMessages.cost(cost, limits.maxCost), { cost, maxCost: limits.maxCost })
    }

    const pricing = createComplexityRule({
      // Judged in onComplete, with the caps and in the request's language.
      maximumComplexity: Number.POSITIVE_INFINITY,
      estimators: [costEstimator(roots, tally)],
      variables: args.variableValues ?? {},
      operationName: args.operationName ?? undefined,
      maxQueryNodes: MAX_EVALUATED_NODES,
      onComplete: judge,
    })(context)
    return {
      OperationDefinition: {
        enter: (node) => {
          try {
            pricing.onOperationDefinitionEnter(node)
          } catch {
            // The walk gave up (fragments expanding past MAX_EVALUATED_NODES): unpriceable is refused.
            refuse('OPERATION_TOO_LARGE', refusalMessages.tooLarge(), { maxNodes: MAX_EVALUATED_NODES })
          }
        },
        leave: (node) => {
          pricing.onOperationDefinitionLeave(node)
        },
      },
    }
  }
  return [rule]
}
