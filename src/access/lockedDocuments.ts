import type { Access, PayloadRequest, Where } from 'payload'

import { relationId } from '../lib/relations'
import { isStoreBound, rightsOf } from '../lib/rights'
import { mayActOnDocument } from './mayActOnDocument'

type Lock = { document?: { relationTo?: string; value?: unknown } | null; globalSlug?: string | null }

/**
 * Staff and managers see the locks held by the people they work with (their stores' accounts) and by HQ and admin,
 * which is what the admin needs to show "being edited by …" on their documents; HQ and admin see every lock.
 */
const readLocks: Access = async ({ req }) => {
  const rights = rightsOf(req.user)
  if (!rights) return false
  if (!isStoreBound(rights)) return true
  const colleagues: Where = {
    or: [{ role: { in: ['hq', 'admin'] } }, ...(rights.storeIds.length ? [{ stores: { in: rights.storeIds } }] : [])],
  }
  const { docs } = await req.payload.find({
    collection: 'users',
    where: colleagues,
    pagination: false,
    depth: 0,
    select: { role: true },
    overrideAccess: true,
    req,
  })
  return { 'user.value': { in: [rights.userId, ...docs.map((user) => String(user.id))] } }
}

/** The locked document, as the lock names it; null for a lock that cannot be read or names a global. */
const lockedDocument = async (req: PayloadRequest, lockId: number | string | undefined) => {
  if (lockId === undefined) return null
  const lock = (await req.payload.db.findOne({
    collection: 'payload-locked-documents',
    where: { id: { equals: lockId } },
    req,
  })) as Lock | null
  const id = relationId(lock?.document?.value)
  return lock?.document?.relationTo && id ? { collection: lock.document.relationTo, id } : null
}

/**
 * Releasing or taking over a lock (the admin's REST calls) is for someone who may edit the locked document, one
 * lock at a time, and a lock can only be taken over in one's own name.
 */
const changeLock: Access = async ({ req, id, data }) => {
  const rights = rightsOf(req.user)
  if (!rights || id === undefined) return false
  const claimedUser = (data as { user?: { value?: unknown } } | undefined)?.user
  if (claimedUser && relationId(claimedUser.value) !== rights.userId) return false
  const locked = await lockedDocument(req, id)
  return locked !== null && mayActOnDocument(req, locked.collection, locked.id, 'update')
}

/**
 * Payload's document locks over REST and GraphQL. Locks are created by the admin's own server code (straight to
 * the database), never over the API, so nobody can lock a document in someone else's name.
 */
export const lockedDocumentsAccess = {
  read: readLocks,
  create: () => false,
  update: changeLock,
  delete: changeLock,
}
