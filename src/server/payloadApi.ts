import type { SanitizedConfig } from 'payload'

import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import { createRequest, sendResponse } from '@remix-run/node-fetch-server'
import { type Request as ExpressRequest, type Response as ExpressResponse, Router } from 'express'

import type { DeliverySettings } from '../delivery/settings'

import { carriesCredential, graphqlPostKey } from '../delivery/anonymousRead'
import { CLOCK_DEPENDENT_TTL_SECONDS, type GraphqlOperation, summariseOperation } from '../delivery/graphqlOperation'
import { graphqlPostOfGet } from '../delivery/graphqlOverGet'
import { listenerBodyOf, parsedOperation } from '../delivery/graphqlPostBodies'
import { sendCachedAnswer } from '../delivery/hitAnswers'
import { isJsonMessage, type PayloadAnswerContext, sendPayloadJson } from '../delivery/jsonAnswers'
import { beginRead, pendingReadOf } from '../delivery/pendingReads'
import { graphqlExecutionGate } from '../graphql/executionGate'
import { languageOf } from '../lib/i18n'
import { withinBodyLimit } from './bodyLimit'
import { overriddenQuery } from './queryValidation'

type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/** What a route answered: Payload's Response, and how to deliver it if it is JSON (a GraphQL query is a read). */
type Answered = { response: Response; delivery?: Partial<Omit<PayloadAnswerContext, 'settings'>> }

const isReadMethod = (method: string) => method === 'GET' || method === 'HEAD'

/**
 * Payload's own REST and GraphQL route handlers (the ones its Next.js routes use), mounted in Express.
 * The API then answers without a Next.js build, and tests run the real server in-process. JSON answers leave with
 * validators, Cache-Control and compression, and anonymous reads are kept in the response cache (src/delivery/).
 */
export const payloadApi = (config: Promise<SanitizedConfig>, settings: DeliverySettings): Router => {
  const restByMethod: Record<string, RouteHandler> = {
    GET: REST_GET(config),
    HEAD: REST_GET(config),
    POST: REST_POST(config),
    PATCH: REST_PATCH(config),
    PUT: REST_PUT(config),
    DELETE: REST_DELETE(config),
    OPTIONS: REST_OPTIONS(config),
  }
  const graphql = GRAPHQL_POST(config)
  // GraphQL's time budget and concurrency cap on this instance; the cost caps run inside Payload (payload.config.ts).
  const graphqlGate = graphqlExecutionGate()

  // The request streams straight from the socket: Payload alone reads the body (sign-ins are counted in its hooks).
  const answer =
    (handle: (request: Request, req: ExpressRequest, res: ExpressResponse) => Promise<Answered | undefined>) =>
    async (req: ExpressRequest, res: ExpressResponse) => {
      const answered = await handle(withinBodyLimit(req, res, createRequest(req, res)), req, res)
      // Answered already: from the cache, or 413 for a body past its limit while Payload was still reading it.
      if (!answered || res.headersSent) {
        await answered?.response.body?.cancel()
        return
      }
      const { response, delivery } = answered
      // Payload answers a path it has no route for (a collection without REST, such as its migrations) 501.
      if (response.status === 501)
        await sendPayloadJson(req, res, Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 }), {
          settings,
          read: false,
        })
      else if (isJsonMessage(response)) {
        await sendPayloadJson(req, res, response, {
          settings,
          read: isReadMethod(req.method),
          pending: pendingReadOf(req),
          ...delivery,
        })
      } else await sendResponse(res, response)
      // A body nobody read (a route that takes none, a refusal before the body) is read to its end and dropped: left
      // paused, it stalled the kept-alive connection and the client's next request on it was reset.
      if (!req.complete) req.removeAllListeners('data').resume()
    }

  /** A GraphQL operation through the gate; a query is a read, kept at most a minute if its answer follows the clock. */
  const runGraphql = async (
    request: Request,
    req: ExpressRequest,
    operation: GraphqlOperation | undefined,
  ): Promise<Answered> => {
    const summary = operation ? summariseOperation(operation) : undefined
    const response = await graphqlGate(request, req, graphql)
    if (!summary?.ok || summary.kind !== 'query') return { response, delivery: { read: false } }
    return {
      response,
      delivery: { read: true, clockTtlSeconds: summary.clockDependent ? CLOCK_DEPENDENT_TTL_SECONDS : undefined },
    }
  }

  const router = Router()
  // GraphQL over GET: queries only, built into Payload's POST (src/delivery/graphqlOverGet.ts), cacheable like REST.
  router.get(
    '/api/graphql',
    answer(async (request, req) => {
      const post = graphqlPostOfGet(request, languageOf(req.acceptsLanguages('ja', 'en')))
      if (post instanceof Response) return { response: post, delivery: { read: false } }
      return runGraphql(post, req, (await post.clone().json()) as GraphqlOperation)
    }),
  )
  // A POST query without credential is looked up by its operation (the listener sees no body), and kept like a GET.
  router.post(
    '/api/graphql',
    answer(async (request, req, res) => {
      if (carriesCredential(req.headers, settings.sessionCookie) || !isJsonMessage(request))
        return runGraphql(request, req, undefined)
      // The listener may have read the body already, to look for a cached answer before Express.
      const listenerBody = listenerBodyOf(req)
      const text = listenerBody ?? (await request.text())
      if (res.headersSent) return undefined
      const replayed = new Request(request, { body: text })
      const operation = parsedOperation(text)
      if (!operation) return runGraphql(replayed, req, undefined)
      const key = graphqlPostKey(operation, req.headers, settings.languageCookie)
      const { cache } = settings
      // The listener looked this operation up already when it read the body: a second lookup would count one miss twice.
      const hit = listenerBody === undefined ? cache?.lookup(key) : undefined
      if (hit) {
        sendCachedAnswer(req, res, hit, (encoding, body) => cache?.addVariant(key, hit, encoding, body))
        return undefined
      }
      if (cache) beginRead(req, key)
      return runGraphql(replayed, req, operation)
    }),
  )
  router.all(
    '/api/{*path}',
    answer(async (request, req) => {
      const handler = restByMethod[req.method]
      if (!handler) return { response: Response.json({ errors: [{ message: 'Method not allowed' }] }, { status: 405 }) }
      const slug = (req.params as { path?: string[] }).path ?? []
      const checked = await overriddenQuery(await config, req, request, slug[0])
      if (checked instanceof Response) return { response: checked }
      // Payload routes by method and has no HEAD routes: HEAD runs the GET, and only its headers are sent.
      const asked =
        req.method === 'HEAD' ? new Request(checked.url, { method: 'GET', headers: checked.headers }) : checked
      return { response: await handler(asked, { params: Promise.resolve({ slug }) }) }
    }),
  )
  return router
}
