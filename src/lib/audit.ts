import type { PayloadRequest } from 'payload'

import type { AuditLog, User } from '../payload-types'
import { clientAddress } from './clientAddress'
import { afterTransactionEnds } from './sqliteTransactions'

export type AuditEvent = AuditLog['event']

export type AuditEntry = {
  event: AuditEvent
  /** The user who acted; absent for the system (scheduled jobs) and for sign-ins that failed. */
  actor?: string | null
  /** What the event is about: `collection/id`, or the email a sign-in tried. */
  subject: string
  /** Never a password, hash or token. */
  details?: Record<string, unknown>
}

// Client-supplied text: long enough for any real value, short enough that nobody fills the log with it.
const MAX_CLIENT_TEXT = 512

type ActorSnapshot = { actorEmail: string | null; actorRole: string | null }

/**
 * The actor's e-mail address and role now, stored on the entry: the relation alone would show whatever the account
 * becomes later (a new address, another role). The signed-in user is at hand; anyone else (a sign-in in progress,
 * a reset) is read.
 */
const snapshotOf = async (req: PayloadRequest, actor: string | null | undefined): Promise<ActorSnapshot> => {
  if (!actor) return { actorEmail: null, actorRole: null }
  const user =
    req.user && String(req.user.id) === actor
      ? req.user
      : await req.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: actor } }, req })
  return { actorEmail: user?.email ?? null, actorRole: user?.role ?? null }
}

/**
 * Appends an entry to the audit log. By default it joins the request's transaction, so an entry about a change
 * that is rolled back disappears with it. `outsideTransaction` writes it on a request of its own, for events
 * whose operation fails (a refused sign-in): its rollback must not take the entry too.
 * Never throws: a broken audit write is logged and must not fail the operation it describes.
 */
export const recordAudit = async (
  req: PayloadRequest,
  { event, actor, subject, details }: AuditEntry,
  { outsideTransaction = false } = {},
): Promise<void> => {
  const write = async () =>
    req.payload.create({
      collection: 'audit-log',
      data: {
        event,
        actor: actor ?? null,
        ...(await snapshotOf(req, actor)),
        subject: subject.slice(0, MAX_CLIENT_TEXT),
        ip: clientAddress(req),
        userAgent: req.headers?.get('user-agent')?.slice(0, MAX_CLIENT_TEXT) ?? null,
        details: details ?? null,
      },
      depth: 0,
      overrideAccess: true,
      ...(outsideTransaction ? {} : { req }),
    })
  try {
    // SQLite takes one writer at a time: an entry outside the request's open transaction is written once it ends.
    if (outsideTransaction) await afterTransactionEnds(req.transactionID, write)
    else await write()
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Audit log: could not record ${event} of ${subject}` })
  }
}

/** The acting user's ID, or null for the system. */
export const actorOf = (req: PayloadRequest): string | null => (req.user ? String(req.user.id) : null)

/** A per-request note that one hook leaves for a later one; kept on req.context, which nested operations copy. */
export const requestNote = <T>(req: PayloadRequest, key: string, create: () => T): T => {
  req.context[key] ??= create()
  return req.context[key] as T
}
