import { readFile } from 'node:fs/promises'
import { createServer, type ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ContentClient, Label } from './cms/content.js'
import { graphqlClient } from './cms/graphql.js'
import { Meter } from './cms/meter.js'
import { restClient } from './cms/rest.js'
import type { Html } from './render/html.js'
import { articlePage, notFoundPage, priceListPage, repairLogPage, storeListPage, storePage } from './render/pages.js'

/** Where the CMS answers, which of its APIs to use, and where this site listens. */
const CMS_URL = (process.env.CMS_URL ?? 'http://localhost:3000').replace(/\/$/, '')
const CMS_API = process.env.CMS_API ?? 'rest'
// A server-rendered site reads from one address for all its visitors: its frontend key keeps the CMS's rate limit off it.
const CMS_API_KEY = process.env.CMS_API_KEY || undefined
const PORT = Number(process.env.PORT ?? 4000)
const HOST = process.env.HOST ?? '127.0.0.1'

if (CMS_API !== 'rest' && CMS_API !== 'graphql') throw new Error(`CMS_API must be rest or graphql (got ${CMS_API})`)
const clientFor = (meter: Meter): ContentClient => (CMS_API === 'graphql' ? graphqlClient(meter) : restClient(meter))

const STYLESHEET = await readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/site.css'))

/** The label tables, read once when the site starts: their codes change only with a release of the CMS. */
const startupMeter = new Meter(CMS_URL, CMS_API_KEY)
const labels: Label[] = await clientFor(startupMeter).labels()
const startupCost = startupMeter.cost()
console.log(
  `label tables: ${labels.length} rows in ${startupCost.requests} request of ${startupCost.bytesFetched} bytes (${CMS_API})`,
)

type Route = { pattern: RegExp; render: (client: ContentClient, params: string[]) => Promise<Html | null> }

const context = { labels }
const ROUTES: Route[] = [
  { pattern: /^\/$/, render: async (client) => storeListPage(await client.stores(), context) },
  {
    pattern: /^\/stores\/([^/]+)\/$/,
    render: async (client, [store]) => nullOr(await client.storePage(store!), (data) => storePage(data, context)),
  },
  {
    pattern: /^\/stores\/([^/]+)\/articles\/([^/]+)$/,
    render: async (client, [store, slug]) =>
      nullOr(await client.articlePage(store!, slug!), (data) => articlePage(data, context)),
  },
  {
    pattern: /^\/stores\/([^/]+)\/repairs\/([^/]+)$/,
    render: async (client, [store, slug]) =>
      nullOr(await client.repairLogPage(store!, slug!), (data) => repairLogPage(data, context)),
  },
  {
    pattern: /^\/stores\/([^/]+)\/prices$/,
    render: async (client, [store]) =>
      nullOr(await client.priceListPage(store!), (data) => priceListPage(data, context)),
  },
]

const nullOr = <T>(data: T | null, render: (data: T) => Html) => (data === null ? null : render(data))

const send = (
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers })
  response.end(body)
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://site')
  if (pathname === '/site.css')
    return send(response, 200, STYLESHEET, 'text/css; charset=utf-8', { 'Cache-Control': 'public, max-age=300' })
  if (/^\/stores\/[^/]+$/.test(pathname)) {
    response.writeHead(308, { Location: `${pathname}/` })
    return response.end()
  }
  const route = ROUTES.find(({ pattern }) => pattern.test(pathname))
  const meter = new Meter(CMS_URL, CMS_API_KEY)
  try {
    const params = route ? route.pattern.exec(pathname)!.slice(1).map(decodeURIComponent) : []
    const page = route ? await route.render(clientFor(meter), params) : null
    // What the page cost the CMS: read by the reference test and docs/api.md.
    const cost = meter.cost()
    const headers = {
      'X-CMS-Requests': String(cost.requests),
      'X-CMS-Bytes-Fetched': String(cost.bytesFetched),
      'X-CMS-Bytes-Used': String(cost.bytesUsed),
    }
    if (page) return send(response, 200, page.value, 'text/html; charset=utf-8', headers)
    send(response, 404, notFoundPage(null).value, 'text/html; charset=utf-8', headers)
  } catch (error) {
    if (error instanceof URIError) return send(response, 404, notFoundPage(null).value, 'text/html; charset=utf-8')
    console.error(`${pathname}: ${(error as Error).message}`)
    send(response, 502, 'CMSから読めませんでした。', 'text/plain; charset=utf-8')
  }
})

server.listen(PORT, HOST, () => console.log(`shop site on http://${HOST}:${PORT}/ reading ${CMS_URL} over ${CMS_API}`))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
