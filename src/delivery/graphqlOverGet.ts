import { type GraphqlOperation, summariseOperation } from './graphqlOperation'

import type { Language } from '../lib/i18n'

const refusal = (status: number, message: string, data: Record<string, string>, headers?: HeadersInit): Response =>
  Response.json({ errors: [{ message, data }] }, { status, headers })

const badParameter = (language: Language, parameter: string, reason: string): Response =>
  refusal(
    400,
    language === 'en'
      ? `Query parameter ${parameter}: ${reason}`
      : `クエリパラメータ ${parameter} が不正です: ${reason}`,
    { parameter, reason },
  )

/** The operation a GET's parameters describe (query, variables as JSON, operationName), or the parameter at fault. */
const operationOfParameters = (parameters: URLSearchParams, language: Language): GraphqlOperation | Response => {
  const query = parameters.get('query')
  if (!query) return badParameter(language, 'query', 'a GraphQL document is required')
  const variablesText = parameters.get('variables')
  let variables: GraphqlOperation['variables'] = null
  if (variablesText) {
    try {
      variables = JSON.parse(variablesText)
    } catch {
      return badParameter(language, 'variables', 'not JSON')
    }
    if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return badParameter(language, 'variables', 'a JSON object is required')
    }
  }
  return { query, variables, operationName: parameters.get('operationName') || null }
}

/**
 * GraphQL over GET: the same operation as a POST of Payload's GraphQL handler, so it meets the same gate, cost caps
 * and answers, and is cacheable like REST. Only queries run over GET: a link or an image must not change anything,
 * so a mutation (or subscription) is answered 405 with Allow: POST; malformed parameters 400 naming the parameter.
 */
export const graphqlPostOfGet = (request: Request, language: Language): Request | Response => {
  const url = new URL(request.url)
  const operation = operationOfParameters(url.searchParams, language)
  if (operation instanceof Response) return operation
  const summary = summariseOperation(operation)
  if (!summary.ok) return badParameter(language, summary.parameter, summary.reason)
  if (summary.kind !== 'query') {
    const message =
      language === 'en'
        ? `A ${summary.kind} is sent with POST: GET runs queries only.`
        : `${summary.kind === 'mutation' ? '変更（mutation）' : '購読（subscription）'}は POST で送ってください。GET で実行できるのはクエリだけです。`
    return refusal(405, message, { parameter: 'query', reason: `${summary.kind} over GET` }, { Allow: 'POST' })
  }
  const headers = new Headers(request.headers)
  headers.set('Content-Type', 'application/json')
  return new Request(`${url.origin}${url.pathname}`, { method: 'POST', headers, body: JSON.stringify(operation) })
}
