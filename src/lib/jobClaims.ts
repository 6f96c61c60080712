import type { BaseDatabaseAdapter, DatabaseAdapterObj, UpdateJobsArgs } from 'payload'

import { sql } from '@payloadcms/db-sqlite'

type JobId = number | string

/** What the two adapters offer for a conditional write of one row (the adapters' own clients). */
type SqliteDrizzle = { run: (query: ReturnType<typeof sql>) => Promise<{ rowsAffected: number }> }
type SqliteClient = {
  drizzle: SqliteDrizzle
  sessions: Record<string, { db?: SqliteDrizzle } | undefined>
  tableNameMap: Map<string, string>
}
type MongoClient = {
  collections: Record<string, { updateOne: (filter: object, update: object) => Promise<{ modifiedCount: number }> }>
}

/** Sets a job's `processing` flag only if it is still clear, in one statement: true if this instance got it. */
const claimOne = async (database: BaseDatabaseAdapter, id: JobId, req: UpdateJobsArgs['req']): Promise<boolean> => {
  if (database.name === 'mongoose') {
    const jobs = (database as unknown as MongoClient).collections['payload-jobs']
    return (await jobs!.updateOne({ _id: id, processing: false }, { $set: { processing: true } })).modifiedCount === 1
  }
  const { drizzle, sessions, tableNameMap } = database as unknown as SqliteClient
  const table = sql.identifier(tableNameMap.get('payload_jobs') ?? 'payload_jobs')
  // Inside the transaction Payload opened for the claim: SQLite takes one writer at a time (src/lib/sqliteTransactions.ts).
  const transactionID = await req?.transactionID
  const db = (transactionID !== undefined && sessions[String(transactionID)]?.db) || drizzle
  return (await db.run(sql`UPDATE ${table} SET processing = 1 WHERE id = ${id} AND processing = 0`)).rowsAffected === 1
}

/**
 * Every instance runs the job queue. Payload claims due jobs by reading those not yet processing, then marking them
 * processing by ID alone (both adapters, no transaction on SQLite): two instances whose crons fire in the same second
 * both read a job as free and both run it, so a scheduled post was published twice (two versions, two audit entries,
 * two webhooks). Here each job is claimed with a compare-and-set on its `processing` flag; only the jobs this instance
 * won are marked and handed to Payload to run.
 */
const atomicClaims = (database: BaseDatabaseAdapter) => {
  const updateJobs = database.updateJobs.bind(database)
  return async (args: UpdateJobsArgs) => {
    if (args.data.processing !== true) return updateJobs(args)
    const candidates: JobId[] =
      args.id !== undefined
        ? [args.id]
        : (
            await database.find({
              collection: 'payload-jobs',
              where: args.where,
              sort: args.sort,
              limit: args.limit,
              pagination: false,
              req: args.req,
            })
          ).docs.map(({ id }) => id)
    const won: JobId[] = []
    for (const id of candidates) if (await claimOne(database, id, args.req)) won.push(id)
    if (won.length === 0) return args.returning === false ? null : []
    return updateJobs({
      data: args.data,
      req: args.req,
      returning: args.returning,
      sort: args.sort,
      where: { id: { in: won } },
    })
  }
}

/** The adapter with jobs claimed atomically, so that several instances never run one job twice. */
export const withAtomicJobClaims = (adapter: DatabaseAdapterObj): DatabaseAdapterObj => ({
  ...adapter,
  init: (args) => {
    const database = adapter.init(args)
    database.updateJobs = atomicClaims(database)
    return database
  },
})
