import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

import { type Client as LibsqlClient, createClient } from '@libsql/client'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import { randomUUID } from 'node:crypto'
import { types } from 'node:util'
import { isolateObjectProperty } from 'payload'

type Client = {
  execute: (...args: unknown[]) => Promise<unknown>
  batch: (...args: unknown[]) => Promise<unknown>
}

/** Statements that write; everything else (SELECT, PRAGMA reads) runs beside an open transaction. */
const WRITES = /^\s*(insert|update|delete|replace|create|drop|alter)\b/i

const gated = new WeakSet<object>()

/** The adapter's methods that write, each taking the request whose transaction it writes in. */
const WRITE_METHODS = [
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateGlobal',
  'updateGlobalVersion',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

const sqlOf = (statement: unknown): string =>
  typeof statement === 'string' ? statement : String((statement as { sql?: unknown })?.sql ?? '')

/** Work to do once transaction `id` has ended (committed or rolled back): writes that must not be part of it. */
const afterEnd = new Map<string, Array<() => Promise<unknown>>>()

/**
 * Runs `write` once the request's SQLite transaction has ended, or now when it has none (or on MongoDB, where a write
 * outside a transaction never waits for one): for entries that must survive the transaction's rollback.
 */
export const afterTransactionEnds = (transactionID: unknown, write: () => Promise<unknown>): Promise<unknown> => {
  const waiting = typeof transactionID === 'string' ? afterEnd.get(transactionID) : undefined
  if (!waiting) return write()
  waiting.push(write)
  return Promise.resolve()
}

/**
 * Each Payload operation in one SQLite transaction, so a process killed half-way leaves none of it: no post without
 * its rows or version, no published document without its audit entry.
 *
 * Payload's SQLite adapter runs without transactions unless `transactionOptions` is set, and with it drizzle moves
 * every transaction onto a new libsql connection, one without the busy timeout. libsql runs statements
 * synchronously: a statement waiting for SQLite's write lock would block the event loop that has to release it. So,
 * in this process, one transaction at a time, on one connection of its own (with the busy timeout, which then only
 * waits for other processes); the others wait their turn asynchronously, and so do writes outside a transaction.
 * Reads go on beside it and see what is committed. Migrations run as before, outside transactions (their
 * PRAGMA foreign_keys=OFF has no effect inside one).
 */
export const withOperationTransactions = (
  adapter: DatabaseAdapterObj,
  { url, busyTimeoutMs }: { url: string; busyTimeoutMs: number },
): DatabaseAdapterObj => ({
  ...adapter,
  init: (args) => {
    const database = adapter.init(args) as BaseDatabaseAdapter & {
      client?: Client
      schema?: Record<string, unknown>
      sessions: Record<string, unknown>
    }
    const connect = database.connect?.bind(database)
    const migrate = database.migrate.bind(database)
    const commit = database.commitTransaction.bind(database)
    const rollback = database.rollbackTransaction.bind(database)

    let transactionConnection: { client: LibsqlClient; db: unknown } | undefined
    const connection = async () => {
      if (!transactionConnection) {
        const client = createClient({ url })
        await client.execute(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
        transactionConnection = { client, db: drizzle(client, { schema: database.schema }) }
      }
      return transactionConnection
    }

    /** Settles when the transaction now open ends; undefined while none is. */
    let open: Promise<void> | undefined
    let turn: Promise<void> = Promise.resolve()
    const releases = new Map<string, () => void>()
    let migrating = false

    database.beginTransaction = async () => {
      if (migrating) return null
      let release!: () => void
      const ended = new Promise<void>((resolve) => (release = resolve))
      const previous = turn
      turn = previous.then(() => ended)
      await previous
      open = ended
      try {
        const { client, db } = await connection()
        await client.execute('BEGIN IMMEDIATE')
        const id = randomUUID()
        releases.set(id, release)
        afterEnd.set(id, [])
        database.sessions[id] = {
          db,
          resolve: async () => {
            await client.execute('COMMIT')
          },
          reject: async () => {
            // SQLite may have rolled back already (some errors end the transaction themselves).
            await client.execute('ROLLBACK').catch(() => undefined)
          },
        }
        return id
      } catch (error) {
        open = undefined
        release()
        throw error
      }
    }

    const ending =
      (end: (id: number | Promise<number | string> | string) => Promise<void>) =>
      async (id: number | Promise<number | string> | string) => {
        const key = String(await id)
        try {
          await end(id)
        } finally {
          const release = releases.get(key)
          releases.delete(key)
          if (release) {
            open = undefined
            release()
          }
          const writes = afterEnd.get(key) ?? []
          afterEnd.delete(key)
          for (const write of writes) await write().catch(() => undefined)
        }
      }
    database.commitTransaction = ending(commit)
    database.rollbackTransaction = ending(rollback)

    // Payload's job queue begins a transaction around updateJobs and ends it only when that succeeds: a failure would
    // keep the turn, and every later write of the process would wait for ever.
    const updateJobs = database.updateJobs.bind(database)
    database.updateJobs = async (jobArgs) => {
      try {
        return await updateJobs(jobArgs)
      } catch (error) {
        const id = await jobArgs.req?.transactionID
        if (id !== undefined && releases.has(String(id))) await database.rollbackTransaction(id)
        throw error
      }
    }

    database.migrate = async (args) => {
      migrating = true
      try {
        return await migrate(args)
      } finally {
        migrating = false
      }
    }

    // Payload writes some rows on purpose beside the request's open transaction, on a copy of the request whose
    // transactionID it isolated (isolateObjectProperty, a Proxy): forgotPassword reserves its mail interval so. That
    // flow then waits for the write, so the write cannot wait for the flow's transaction to end; with one writer per
    // process, the open transaction is that flow's own, and the write joins it (it goes if the transaction rolls back).
    for (const method of WRITE_METHODS) {
      const write = (database[method] as (args: { req?: { transactionID?: unknown } }) => Promise<unknown>).bind(
        database,
      )
      ;(database as unknown as Record<string, unknown>)[method] = (args: { req?: { transactionID?: unknown } }) => {
        const openID = releases.keys().next().value
        const req = args?.req
        if (openID === undefined || !req || req.transactionID || !types.isProxy(req)) return write(args)
        const joined = isolateObjectProperty(req, 'transactionID')
        joined.transactionID = openID
        return write({ ...args, req: joined })
      }
    }

    if (connect) {
      database.connect = async (options) => {
        await connect(options)
        const client = database.client
        if (!client || gated.has(client)) return
        gated.add(client)
        for (const method of ['execute', 'batch'] as const) {
          const run = client[method].bind(client)
          client[method] = async (...statement: unknown[]) => {
            if (method === 'batch' || WRITES.test(sqlOf(statement[0]))) while (open) await open
            return run(...statement)
          }
        }
      }
    }
    const destroy = database.destroy?.bind(database)
    database.destroy = async () => {
      transactionConnection?.client.close()
      transactionConnection = undefined
      await destroy?.()
    }
    return database
  },
})
