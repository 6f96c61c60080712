import type { SanitizedConfig } from 'payload'

import { environment } from '../lib/env'
import { languageCookieNameOf, sessionCookieNameOf } from './anonymousRead'
import { type ResponseCache, responseCacheFromEnvironment } from './responseCache'

/** Signed-in answers are the reader's own: kept by no cache. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/** How this server delivers JSON: its response cache (absent when off), the public Cache-Control, cookie names. */
export type DeliverySettings = {
  cache: ResponseCache | undefined
  publicCacheControl: string
  sessionCookie: string
  languageCookie: string
}

/** The settings of this process (RESPONSE_CACHE, RESPONSE_CACHE_MAX_MB, CACHE_CONTROL_PUBLIC) for a config. */
export const deliverySettings = (config: Pick<SanitizedConfig, 'cookiePrefix'>): DeliverySettings => ({
  cache: responseCacheFromEnvironment(),
  publicCacheControl: environment().CACHE_CONTROL_PUBLIC,
  sessionCookie: sessionCookieNameOf(config.cookiePrefix),
  languageCookie: languageCookieNameOf(config.cookiePrefix),
})
