import type { Endpoint, SanitizedConfig } from 'payload'

import { match } from 'path-to-regexp'

/** The one label of every path this server has no route for: a scanner's thousand paths are one series, not a thousand. */
export const UNMATCHED_ROUTE = '(unmatched)'

/** Routes Express answers itself, by their template. */
const EXPRESS_ROUTES: Array<[RegExp, string]> = [
  [/^\/(healthz|readyz|metrics)$/, ''],
  [/^\/api\/graphql$/, '/api/graphql'],
  [/^\/preview\/[^/]+\/[^/]+$/, '/preview/:collection/:id'],
  [/^\/admin(\/|$)/, '/admin'],
  [/^\/_next\//, '/_next'],
]

type EndpointMatcher = { method: string; template: string; matches: (path: string) => boolean }

const matchersOf = (endpoints: Endpoint[] | false | undefined, prefix: string): EndpointMatcher[] =>
  (endpoints || []).map((endpoint) => {
    const matches = match(endpoint.path, { decode: decodeURIComponent })
    return {
      method: endpoint.method,
      template: endpoint.path === '/' ? prefix : `${prefix}${endpoint.path}`,
      matches: (path) => matches(path) !== false,
    }
  })

/**
 * The route template of a request, for metrics and the access log: never the raw path, whose values are unbounded.
 * API paths are matched the way Payload routes them (its handleEndpoints: the collection's or global's endpoints, by
 * method and path-to-regexp pattern, defaults included), so `/api/articles/123` is `/api/:collection/:id` and a
 * media file `/api/:collection/file/:filename`; the collection's name stays out of the label, which keeps the number
 * of series fixed by the code, not by the data.
 */
export const routeTemplates = (config: Pick<SanitizedConfig, 'collections' | 'endpoints' | 'globals' | 'routes'>) => {
  const api = config.routes.api
  const collections = new Map<string, EndpointMatcher[]>(
    config.collections.map((collection) => [collection.slug, matchersOf(collection.endpoints, `${api}/:collection`)]),
  )
  const globals = new Map<string, EndpointMatcher[]>(
    config.globals.map((global) => [global.slug, matchersOf(global.endpoints, `${api}/globals/:global`)]),
  )
  const root = matchersOf(config.endpoints, api)

  const endpointTemplate = (matchers: EndpointMatcher[], method: string, rest: string): string => {
    const wanted = method === 'head' ? 'get' : method
    try {
      return matchers.find((matcher) => matcher.method === wanted && matcher.matches(rest))?.template ?? UNMATCHED_ROUTE
    } catch {
      // A malformed percent-escape: Payload cannot route it either.
      return UNMATCHED_ROUTE
    }
  }

  return (method: string, url: string | undefined): string => {
    const path = (url ?? '/').split('?', 1)[0]!
    for (const [pattern, template] of EXPRESS_ROUTES) if (pattern.test(path)) return template || path
    if (path !== api && !path.startsWith(`${api}/`)) return UNMATCHED_ROUTE
    const lower = method.toLowerCase()
    const [, first = '', ...others] = path.slice(api.length).split('/')
    if (first === 'globals') {
      const [slug = '', ...rest] = others
      const matchers = globals.get(slug)
      return matchers ? endpointTemplate(matchers, lower, `/${rest.join('/')}`) : UNMATCHED_ROUTE
    }
    const matchers = collections.get(first)
    return matchers
      ? endpointTemplate(matchers, lower, `/${others.join('/')}`)
      : endpointTemplate(root, lower, path.slice(api.length) || '/')
  }
}
