import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { createRequest, sendResponse } from '@remix-run/node-fetch-server'
import { type Request as ExpressRequest, type Response as ExpressResponse, Router } from 'express'

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

  // The request streams straight from the socket: Payload alone reads the body (sign-ins are counted in its hooks).
  const answer = (handle: (request: Request, req: ExpressRequest) => Promise<Response>) =>
    async (req: ExpressRequest, res: ExpressResponse) => {
      await sendResponse(res, await handle(createRequest(req, res), req))
    }

  const router = Router()
  router.post('/api/graphql', answer((request) => graphql(request)))
  router.all(
    '/api/{*path}',
    answer((request, req) => {
      const handler = restByMethod[req.method]
      if (!handler) return Promise.resolve(Response.json({ errors: [{ message: 'Method not allowed' }] }, { status: 405 }))
      const slug = (req.params as { path?: string[] }).path ?? []
      return handler(request, { params: Promise.resolve({ slug }) })
    }),
  )
  return router
}
