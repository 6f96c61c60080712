import type { Request } from 'express'

/** The routes that take a credential, an address to mail a reset to, or a reset token. */
export type AuthRoute = 'forgot-password' | 'graphql' | 'login' | 'reset-password'

const ROUTES: Record<string, AuthRoute> = {
  'api/graphql': 'graphql',
  'api/users/login': 'login',
  'api/users/forgot-password': 'forgot-password',
  'api/users/reset-password': 'reset-password',
}

/**
 * The one place request paths are normalised for throttling: dot segments resolved (as the URL parser Payload
 * uses does), percent-escapes decoded, case folded, empty segments (trailing or double slashes) and the query
 * dropped. Every variant Payload or Express could route to an auth endpoint then meets the same budget.
 */
export const normalisedApiPath = (url: string): string => {
  const pathname = new URL(url, 'http://localhost').pathname
  let decoded = pathname
  try {
    decoded = decodeURIComponent(pathname)
  }
  catch {
    // A malformed escape is compared as written; Payload answers such a path 404.
  }
  return decoded.toLowerCase().split('/').filter(Boolean).join('/')
}

/** Which auth route a request is, if any; only POST signs in, sends a reset or resets. */
export const authRouteOf = (req: Pick<Request, 'method' | 'originalUrl'>): AuthRoute | undefined =>
  req.method === 'POST' ? ROUTES[normalisedApiPath(req.originalUrl)] : undefined
