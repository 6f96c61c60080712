import type { IncomingHttpHeaders } from 'node:http'

/**
 * Whether a request carries any credential: an Authorization header of any scheme (a JWT, a Payload API key, a
 * frontend's key, Basic…) or the Payload session cookie. When in doubt it counts as one: a cookie header that merely
 * mentions the session cookie's name bypasses the cache, which costs speed, never privacy.
 */
export const carriesCredential = (headers: IncomingHttpHeaders, sessionCookieName: string): boolean =>
  headers.authorization !== undefined || (headers.cookie?.includes(sessionCookieName) ?? false)

/** The session cookie of a config: `<cookiePrefix>-token` (`payload-token` by default). */
export const sessionCookieNameOf = (cookiePrefix: string | undefined): string => `${cookiePrefix || 'payload'}-token`

/** Payload's language cookie (`<cookiePrefix>-lng`), which it prefers to Accept-Language for its messages. */
export const languageCookieNameOf = (cookiePrefix: string | undefined): string => `${cookiePrefix || 'payload'}-lng`

/**
 * GET routes that act rather than read (Payload's job runs): never answered from the cache, whoever asks.
 * Every other GET under /api is a read of content the same for every anonymous caller.
 */
const ACTING_PATHS = ['/api/payload-jobs/']

export const GRAPHQL_PATH = '/api/graphql'

const cookieValue = (cookie: string | undefined, name: string): string => {
  if (!cookie) return ''
  for (const part of cookie.split(';')) {
    const separator = part.indexOf('=')
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return ''
}

/**
 * What an anonymous answer depends on besides its URL: the language Payload answers in (Accept-Language, and its
 * language cookie, which wins). Nothing else a client sends changes an anonymous JSON answer: Host does not (upload
 * URLs come from SERVER_URL), Accept does not (the API only speaks JSON), Accept-Encoding and If-None-Match are
 * served from the entry (its variants and its ETag), Accept matters to GraphQL only (keyed there), and Origin only changes CORS headers, which are set per request
 * before the cache answers.
 */
const languageOf = (headers: IncomingHttpHeaders, languageCookie: string): string =>
  `${cookieValue(headers.cookie, languageCookie)}|${headers['accept-language'] ?? ''}`

/** The query string with its parameters in a stable order: `?b=1&a=2` and `?a=2&b=1` are the same read. */
const sortedQuery = (search: string): string => {
  if (search === '' || !search.includes('&')) return search
  const parameters = new URLSearchParams(search)
  parameters.sort()
  return parameters.toString()
}

export type ReadKeyOptions = { sessionCookie: string; languageCookie: string }

/**
 * The cache key of an anonymous REST or GraphQL GET (HEAD shares it) under /api, or undefined when the request may
 * not be answered from the cache or stored in it: another method, a credential, a path outside /api, a route that acts.
 */
export const anonymousReadKey = (
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  { sessionCookie, languageCookie }: ReadKeyOptions,
): string | undefined => {
  if ((method !== 'GET' && method !== 'HEAD') || url === undefined || !url.startsWith('/api/')) return undefined
  if (carriesCredential(headers, sessionCookie)) return undefined
  const questionMark = url.indexOf('?')
  const path = questionMark === -1 ? url : url.slice(0, questionMark)
  if (ACTING_PATHS.some((prefix) => path.startsWith(prefix))) return undefined
  const search = questionMark === -1 ? '' : url.slice(questionMark + 1)
  // graphql-http answers in the media type the client accepts (application/json or application/graphql-response+json).
  // Express matches paths without regard to case or a trailing slash: /api/GraphQL/ reaches GraphQL too.
  const accepted = path.toLowerCase().startsWith(GRAPHQL_PATH) ? (headers.accept ?? '') : ''
  return `GET ${path}?${sortedQuery(search)}\n${languageOf(headers, languageCookie)}\n${accepted}`
}

/** The cache key of an anonymous GraphQL query sent by POST: its text, variables and operation name, and language. */
export const graphqlPostKey = (
  operation: { query: string; variables?: unknown; operationName?: unknown },
  headers: IncomingHttpHeaders,
  languageCookie: string,
): string =>
  `POST ${GRAPHQL_PATH}\n${JSON.stringify([operation.query, operation.variables ?? null, operation.operationName ?? null])}\n${languageOf(headers, languageCookie)}\n${headers.accept ?? ''}`
