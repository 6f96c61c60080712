import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, parse } from 'graphql'

import { PUBLIC_CACHE_CONTROL } from '../endpoints/http'

/** One GraphQL request, as sent by POST (JSON body) or GET (query parameters). */
export type GraphqlOperation = {
  query: string
  variables?: Record<string, unknown> | null
  operationName?: string | null
}

export type OperationSummary =
  | { ok: true; kind: OperationDefinitionNode['operation']; clockDependent: boolean }
  | { ok: false; parameter: 'operationName' | 'query'; reason: string }

/**
 * Root fields whose answer changes with the clock, not only with content: the store endpoints' GraphQL side answers
 * "now" (ActiveCampaigns) and "today" (StorePriceList) when no instant or day is given (src/endpoints/storeQueries.ts).
 */
const CLOCK_DEPENDENT_ROOT_FIELDS = new Set(['ActiveCampaigns', 'StorePriceList'])

/** How long an answer that changes with the clock is kept: the max-age its REST side declares. */
export const CLOCK_DEPENDENT_TTL_SECONDS = Number(/max-age=(\d+)/.exec(PUBLIC_CACHE_CONTROL)?.[1] ?? 0)

const chosenOperation = (
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined => {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
  if (operationName) return operations.find((operation) => operation.name?.value === operationName)
  return operations.length === 1 ? operations[0] : undefined
}

/**
 * What a request would run: a query, a mutation or a subscription, and whether its answer changes with the clock
 * (a root fragment counts as such: what it selects is not looked into). A document that does not parse, or does not
 * name one operation, is a problem of its `query` or `operationName` parameter.
 */
export const summariseOperation = ({ query, operationName }: GraphqlOperation): OperationSummary => {
  let document: DocumentNode
  try {
    document = parse(query)
  } catch (error) {
    return {
      ok: false,
      parameter: 'query',
      reason: error instanceof GraphQLError ? error.message : 'not a GraphQL document',
    }
  }
  if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
    return { ok: false, parameter: 'query', reason: 'the document holds no operation' }
  }
  const operation = chosenOperation(document, operationName)
  if (!operation) {
    return operationName
      ? { ok: false, parameter: 'operationName', reason: `no operation named "${operationName}" in the document` }
      : { ok: false, parameter: 'operationName', reason: 'the document holds several operations: name the one to run' }
  }
  const clockDependent = operation.selectionSet.selections.some(
    (selection) => selection.kind !== Kind.FIELD || CLOCK_DEPENDENT_ROOT_FIELDS.has(selection.name.value),
  )
  return { ok: true, kind: operation.operation, clockDependent }
}
