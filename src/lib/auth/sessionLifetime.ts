import type { Payload, PayloadRequest } from 'payload'

import { asHousekeeping } from './accountHousekeeping'
import { environment } from '../env'

/**
 * Idle timeout: a session token lives this long and the admin renews it only while the user is active
 * (SESSION_IDLE_SECONDS, default 30 minutes).
 */
export const sessionIdleSeconds = (): number => environment().SESSION_IDLE_SECONDS

/** Absolute timeout: no renewal past this age, however active (SESSION_MAX_AGE_SECONDS, default 12 hours: one shop day). */
export const sessionMaxAgeSeconds = (): number => environment().SESSION_MAX_AGE_SECONDS

type SessionHolder = { sessions?: { id: string; createdAt?: string | Date | null }[] | null; _sid?: string }

/** The session a request's user came with: Payload puts its ID on req.user as `_sid` and leaves it out of the type. */
export const sessionIdOf = (user: object | null | undefined): string | undefined => {
  const sid: unknown = (user as { _sid?: unknown } | null | undefined)?._sid
  return typeof sid === 'string' ? sid : undefined
}

/** True when the request's session began longer ago than the absolute lifetime allows. */
export const sessionTooOld = (user: SessionHolder, now = Date.now()): boolean => {
  const session = user._sid ? user.sessions?.find(({ id }) => id === user._sid) : undefined
  if (!session?.createdAt) return false
  return now - new Date(session.createdAt).getTime() > sessionMaxAgeSeconds() * 1000
}

/** Ends every session of an account but `keep` (the one making the change), so a stolen session dies with the old password. */
export const endOtherSessions = async (
  payload: Payload,
  userId: number | string,
  keep?: string,
  req?: Partial<PayloadRequest>,
): Promise<number> => {
  const account = (await payload.findByID({
    collection: 'users',
    id: userId,
    depth: 0,
    overrideAccess: true,
    req,
  })) as unknown as SessionHolder
  const sessions = account.sessions ?? []
  const kept = sessions.filter(({ id }) => id === keep)
  if (kept.length === sessions.length) return 0
  await asHousekeeping(req, (context) =>
    payload.update({
      collection: 'users',
      id: userId,
      data: { sessions: kept } as Record<string, unknown>,
      depth: 0,
      overrideAccess: true,
      context,
      req,
    }),
  )
  return sessions.length - kept.length
}
