import type { PayloadRequest } from 'payload'

import type { User } from '../payload-types'

import { relationIds } from './relations'

export type Role = User['role']

/** The role of a frontend's account: its API key lifts the API rate limit, and it reads as the public (frontendKeys.ts). */
export const FRONTEND_ROLE = 'frontend'

/** What a signed-in user may act as: their role and the IDs of the stores they belong to. */
export type Rights = { userId: string; role: Role; storeIds: string[] }

/**
 * The rights of the request's user; null for the public. A disabled account also gets null, so a session
 * that was open when the account was disabled grants nothing from its next request on; so does a frontend account,
 * which reads as the public.
 */
export const rightsOf = (user: PayloadRequest['user'] | undefined): Rights | null => {
  if (!user || user.disabled || user.role === FRONTEND_ROLE) return null
  return { userId: String(user.id), role: user.role, storeIds: relationIds(user.stores) }
}

/** Staff and managers act for their own stores only; HQ and admin act for the whole chain. */
export const isStoreBound = (rights: Rights): boolean => rights.role === 'staff' || rights.role === 'manager'

/** HQ and admin, signed in and not disabled: the accounts that act for the whole chain rather than for their stores. */
export const actsForWholeChain = (user: PayloadRequest['user'] | undefined | null): boolean => {
  const rights = rightsOf(user ?? undefined)
  return rights !== null && !isStoreBound(rights)
}
