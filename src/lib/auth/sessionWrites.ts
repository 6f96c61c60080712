import type { BaseDatabaseAdapter, DatabaseAdapterObj, UpdateOneArgs } from 'payload'

type SessionRow = { id: string; createdAt?: Date | string | null; expiresAt?: Date | string | null }

/** A session row this very write creates (a sign-in's): Payload stamps it the moment before it writes. */
const CREATED_BY_THIS_WRITE_MS = 5_000

const isSessionWrite = (args: UpdateOneArgs): boolean => {
  const data = args.data as Record<string, unknown> | undefined
  return Boolean(data && data.updatedAt === null && Array.isArray(data.sessions))
}

/**
 * The sessions to write: of the rows the write carries, those still in the database (ended sessions stay ended),
 * plus a row it has just created. Payload read the row before its ~300 ms password hash, so a session ended
 * meanwhile (another session's "end other sessions", a password change, a disabled account) is in what it carries.
 */
const mergedSessions = (carried: SessionRow[], current: SessionRow[]): SessionRow[] => {
  const stillOpen = new Set(current.map((session) => session.id))
  const now = Date.now()
  return carried.filter(
    (session) =>
      stillOpen.has(session.id) ||
      (session.createdAt != null && now - new Date(session.createdAt).getTime() < CREATED_BY_THIS_WRITE_MS),
  )
}

/**
 * Payload's session bookkeeping (adding a session at sign-in, renewing or ending one) writes back the whole account
 * row it read, at sign-in before hashing the password (~300 ms). Any change committed in that time (a password change,
 * a disabled account, a new role, a spent recovery code, an ended session) would be silently undone. Those writes
 * mark themselves with `updatedAt: null`; here they write the sessions and nothing else, merged with the sessions the
 * database holds now.
 */
const narrowed = (database: BaseDatabaseAdapter) => {
  const updateOne = database.updateOne.bind(database)
  return async (args: UpdateOneArgs) => {
    if (!isSessionWrite(args) || args.id === undefined) return updateOne(args)
    const current = (await database.findOne({
      collection: args.collection,
      where: { id: { equals: args.id } },
      req: args.req,
    })) as { sessions?: SessionRow[] } | null
    const sessions = mergedSessions((args.data as { sessions: SessionRow[] }).sessions, current?.sessions ?? [])
    return updateOne({ ...args, data: { sessions, updatedAt: null } })
  }
}

/** The adapter with Payload's session writes narrowed to the sessions, for every database. */
export const withNarrowSessionWrites = (adapter: DatabaseAdapterObj): DatabaseAdapterObj => ({
  ...adapter,
  init: (args) => {
    const database = adapter.init(args)
    database.updateOne = narrowed(database)
    return database
  },
})
