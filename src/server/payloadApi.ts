import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { createRequest, sendResponse } from '@remix-run/node-fetch-server'
import { type Request as ExpressRequest, type Response as ExpressResponse, Router } from 'express'

import { graphqlExecutionGate } from '../graphql/executionGate'
import { withinBodyLimit } from './bodyLimit'
import { overriddenQuery } from './queryValidation'

type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Payload's own REST and GraphQL route handlers (the ones its Next.js routes use), mounted in Express.
 * The API then answers without a Next.js build, and tests run the real server in-process.
 */
export const payloadApi = (config: Promise<SanitizedConfig>): Router => {
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
  const answer = (handle: (request: Request, req: ExpressRequest) => Promise<Response>) =>
    async (req: ExpressRequest, res: ExpressResponse) => {
      const response = await handle(withinBodyLimit(req, res, createRequest(req, res)), req)
      // A body past its limit was answered 413 while Payload was still reading it.
      if (res.headersSent) {
        await response.body?.cancel()
        return
      }
      // Payload answers a path it has no route for (a collection without REST, such as its migrations) 501.
      if (response.status === 501) await sendResponse(res, Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 }))
      else await sendResponse(res, response)
      // A body nobody read (a route that takes none, a refusal before the body) is read to its end and dropped: left
      // paused, it stalled the kept-alive connection and the client's next request on it was reset.
      if (!req.complete) req.removeAllListeners('data').resume()
    }

  const router = Router()
  router.post('/api/graphql', answer((request, req) => graphqlGate(request, req, graphql)))
  router.all(
    '/api/{*path}',
    answer(async (request, req) => {
      const handler = restByMethod[req.method]
      if (!handler) return Response.json({ errors: [{ message: 'Method not allowed' }] }, { status: 405 })
      const slug = (req.params as { path?: string[] }).path ?? []
      const checked = await overriddenQuery(await config, req, request, slug[0])
      if (checked instanceof Response) return checked
      return handler(checked, { params: Promise.resolve({ slug }) })
    }),
  )
  return router
}
