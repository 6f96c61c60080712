import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

/** Written by the database adapter and by Payload on every save; a client's value would back-date or freeze them. */
const TIMESTAMPS = ['createdAt', 'updatedAt', 'deletedAt'] as const

/**
 * beforeOperation of every collection: on a create or update from a client (REST, GraphQL, the admin, the Local API
 * with a user), timestamps in the data are dropped and the system sets them, as if they had not been sent. Dropped
 * rather than refused: clients send back documents they read, timestamps included. Server code (overrideAccess:
 * true) keeps the choice, e.g. to import history.
 */
export const ignoreClientTimestamps: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const { data, overrideAccess } = args as { data?: Record<string, unknown>; overrideAccess?: boolean }
  if (overrideAccess || !data || typeof data !== 'object' || !TIMESTAMPS.some((name) => name in data)) return args
  const kept = { ...data }
  for (const name of TIMESTAMPS) delete kept[name]
  return { ...args, data: kept }
}

/** The collection with client timestamps ignored first among its beforeOperation hooks. */
export const timestampsBySystem = <T extends Pick<CollectionConfig, 'hooks'>>(collection: T): T => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [ignoreClientTimestamps, ...(collection.hooks?.beforeOperation ?? [])],
  },
})
