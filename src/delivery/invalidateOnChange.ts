import type {
  CollectionAfterOperationHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  Config,
  GlobalConfig,
  Payload,
  PayloadRequest,
  Plugin,
} from 'payload'

import { advanceGeneration } from './contentGeneration'

/**
 * Collections whose changes no anonymous answer shows, so they leave cached answers be: their writes are frequent
 * (sign-ins, admin navigation, job runs) and would empty the cache for nothing. Payload adds its own collections
 * after plugins run, so they never get the hooks; each is named here with its reason all the same, and a test
 * fails for any collection of the live config that neither advances the generation nor is named here.
 */
export const NOT_PUBLIC_CONTENT: Record<string, string> = {
  'audit-log': 'the audit trail: read by admins only, written on every sign-in and publish',
  'webhook-deliveries': 'the webhook delivery log: read by admins only, written by the jobs that deliver events',
  'payload-preferences': "each user's admin preferences: read by that user only",
  'payload-locked-documents': 'editing locks of the admin: read by signed-in editors only',
  'payload-migrations': 'the record of applied migrations: not served',
  'payload-kv': "Payload's internal key-value store: not served",
  'payload-jobs':
    'the jobs queue: read by admins only; what a job publishes advances the generation through its collection',
}

/**
 * Operations that change no content, by the names hooks see them (beforeOperation gets 'read', afterOperation
 * 'find'): reads, and the account operations, which touch only what no anonymous answer shows (sessions, failed
 * attempts, password hashes, reset tokens) and run on every sign-in. Every other one (create, update, delete,
 * restoreVersion, one added later…) advances.
 */
const OPERATIONS_CHANGING_NO_CONTENT = new Set([
  'read',
  'readDistinct',
  'count',
  'countVersions',
  'find',
  'findByID',
  'findDistinct',
  'findVersions',
  'findVersionByID',
  'me',
  'login',
  'refresh',
  'forgotPassword',
  'resetPassword',
  'unlock',
])

/**
 * Transactions a change of content ran in: their commit or rollback advances the generation once more. Others (a
 * sign-in writing its session) leave the cache be.
 */
const transactionsChangingContent = new Set<string>()

const noteContentChange = async (req: PayloadRequest) => {
  const id = await req.transactionID
  if (id !== undefined && id !== null) transactionsChangingContent.add(String(id))
  advanceGeneration('local')
}

/** At the start of a write: reads already in flight keep their older answers out of the cache. */
const advanceBeforeWrite: CollectionBeforeOperationHook = async ({ operation, req }) => {
  if (!OPERATIONS_CHANGING_NO_CONTENT.has(operation)) await noteContentChange(req)
}

/** After the write changed the database (before its answer leaves): nothing read before it is served again. */
const advanceAfterWrite: CollectionAfterOperationHook = async ({ operation, req }) => {
  if (!OPERATIONS_CHANGING_NO_CONTENT.has(operation as string)) await noteContentChange(req)
}

const advancingGlobalChanges = async ({ req }: { req: PayloadRequest }) => noteContentChange(req)

const withCollectionHooks = (collection: CollectionConfig): CollectionConfig =>
  collection.slug in NOT_PUBLIC_CONTENT
    ? collection
    : {
        ...collection,
        hooks: {
          ...collection.hooks,
          beforeOperation: [advanceBeforeWrite, ...(collection.hooks?.beforeOperation ?? [])],
          afterOperation: [...(collection.hooks?.afterOperation ?? []), advanceAfterWrite],
        },
      }

const withGlobalHooks = (global: GlobalConfig): GlobalConfig => ({
  ...global,
  hooks: {
    ...global.hooks,
    beforeChange: [advancingGlobalChanges, ...(global.hooks?.beforeChange ?? [])],
    afterChange: [...(global.hooks?.afterChange ?? []), advancingGlobalChanges],
  },
})

/**
 * A transaction commits after the operation's last hook: the generation advances again once a transaction that
 * changed content has committed, or rolled back, so no read can keep what the database held before the commit.
 */
const advanceAfterTransactions = (payload: Payload) => {
  const { db } = payload
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  const advanceIfContentChanged = async (id: Parameters<typeof commit>[0]) => {
    const key = String(await id)
    if (transactionsChangingContent.delete(key)) advanceGeneration('local')
  }
  db.commitTransaction = async (id) => {
    try {
      await commit(id)
    } finally {
      await advanceIfContentChanged(id)
    }
  }
  db.rollbackTransaction = async (id) => {
    try {
      await rollback(id)
    } finally {
      await advanceIfContentChanged(id)
    }
  }
}

/**
 * Keeps cached answers fresh: every change of content (REST, GraphQL, the admin, the Local API, the jobs runner's
 * scheduled publishing — they all run Payload's operations) advances the content generation at its start, after it
 * changed the database, and after its transaction ends. The cache serves only answers read at the current generation
 * (src/delivery/responseCache.ts). The whole cache goes at once: population makes almost any answer depend on almost
 * any document (a store renamed changes the repair reports read at depth 1).
 */
export const invalidateOnChange: Plugin = (config: Config): Config => ({
  ...config,
  collections: config.collections?.map(withCollectionHooks),
  globals: config.globals?.map(withGlobalHooks),
  onInit: async (payload) => {
    await config.onInit?.(payload)
    advanceAfterTransactions(payload)
  },
})
