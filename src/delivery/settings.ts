import type { SanitizedConfig } from 'payload'

import { languageCookieNameOf, sessionCookieNameOf } from './anonymousRead'
import { type ResponseCache, responseCacheFromEnvironment } from './responseCache'

/** Cache-Control of anonymous answers unless CACHE_CONTROL_PUBLIC says otherwise: any cache may keep them, asking first. */
export const DEFAULT_PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate'

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
  publicCacheControl: process.env.CACHE_CONTROL_PUBLIC || DEFAULT_PUBLIC_CACHE_CONTROL,
  sessionCookie: sessionCookieNameOf(config.cookiePrefix),
  languageCookie: languageCookieNameOf(config.cookiePrefix),
})
