import type { Request as ExpressRequest, RequestHandler } from 'express'
import type { SanitizedConfig } from 'payload'

import { languageOf } from '../lib/i18n'
import { parseApiQuery, type QueryProblem, queryProblem } from '../lib/apiQuery'

/** The collection a REST path is about: /api/<slug>, /api/<slug>/<id>, /api/<slug>/count, /api/<slug>/versions… */
const collectionOf = (path: string): string | undefined => path.split('/').filter(Boolean)[0]

const refusal = (req: ExpressRequest, found: QueryProblem) => {
  const language = languageOf(req.acceptsLanguages('ja', 'en'))
  const reason = found.reason[language]
  const message =
    language === 'en'
      ? `Query parameter ${found.parameter}: ${reason}`
      : `クエリパラメータ ${found.parameter} が不正です: ${reason}`
  return { errors: [{ message, data: { parameter: found.parameter, reason } }] }
}

/**
 * Every query string on /api, judged once, in front of Payload, on Payload's own parse (src/lib/apiQuery.ts): a
 * malformed one is answered 400 naming the parameter and the reason, instead of reaching the database adapter,
 * which answered some of them 500. A POST that asks to be read as a GET (X-Payload-HTTP-Method-Override, the admin's
 * relationship fields) carries its query in a form body: that query is judged by the hand-off (overriddenQuery).
 */
export const validateQueries =
  (config: SanitizedConfig): RequestHandler =>
  (req, res, next) => {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : ''
    if (search === '' || search === '?') return next()
    const found = queryProblem(config, parseApiQuery(search), collectionOf(req.path))
    if (!found) return next()
    res.status(400).json(refusal(req, found))
  }

const isOverriddenGet = (request: Request) =>
  request.method === 'POST' &&
  (request.headers.get('X-Payload-HTTP-Method-Override') === 'GET' ||
    request.headers.get('X-HTTP-Method-Override') === 'GET') &&
  request.headers.get('Content-Type') === 'application/x-www-form-urlencoded'

/**
 * A POST read as a GET carries its query string as a form body, which Payload appends to the URL: judged like a
 * query string (400), and handed on with the body it was read from. Everything else passes as it is.
 */
export const overriddenQuery = async (
  config: SanitizedConfig,
  req: ExpressRequest,
  request: Request,
  collection?: string,
): Promise<Request | Response> => {
  if (!isOverriddenGet(request)) return request
  const search = await request.text()
  const found = queryProblem(config, parseApiQuery(search), collection)
  if (found) return Response.json(refusal(req, found), { status: 400 })
  return new Request(request, { body: search })
}
