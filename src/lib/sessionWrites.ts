import type { DatabaseAdapterObj, UpdateOneArgs } from 'payload'

/**
 * Payload's session bookkeeping (adding a session at sign-in, renewing or ending one) writes back the whole account
 * row it read, at sign-in before hashing the password (~300 ms). Any change committed in that time (a password change,
 * a disabled account, a new role, a spent recovery code) would be silently undone. Those writes mark themselves with
 * `updatedAt: null`; here they write the sessions and nothing else.
 */
const sessionsOnly = (args: UpdateOneArgs): UpdateOneArgs => {
  const data = args.data as Record<string, unknown> | undefined
  if (!data || data.updatedAt !== null || !Array.isArray(data.sessions)) return args
  return { ...args, data: { sessions: data.sessions, updatedAt: null } }
}

/** The adapter with Payload's session writes narrowed to the sessions, for every database. */
export const withNarrowSessionWrites = (adapter: DatabaseAdapterObj): DatabaseAdapterObj => ({
  ...adapter,
  init: (args) => {
    const database = adapter.init(args)
    const updateOne = database.updateOne.bind(database)
    database.updateOne = (updateArgs) => updateOne(sessionsOnly(updateArgs))
    return database
  },
})
