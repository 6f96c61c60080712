import { Redis } from 'ioredis'
import Database from 'libsql'
import path from 'node:path'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterMongo,
  RateLimiterRedis,
  RateLimiterSQLite,
} from 'rate-limiter-flexible'

import { databaseKind, sqliteFile } from './database'
import { environment } from './env'
import { createPrivateFile } from './privateFiles'

export type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration: number }

/** Makes one rate limiter; where its counters live (process memory, a SQLite file, MongoDB, Redis) is the factory's business. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract

/** Counters in this process: right for an in-memory database (one process by nature), and for tests that ask for it. */
export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options)

/**
 * Counters in Redis, shared by every instance behind a load balancer, so an attacker cannot multiply the budget by
 * the number of instances. The client is made at the first sign-in: a count sent before it has connected waits for
 * the connection; with Redis away it is refused after one reconnection attempt instead of hanging the sign-in.
 */
export const redisLimiters = (redisUrl: string): LimiterFactory => {
  const storeClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  // ioredis reconnects by itself; an 'error' event nobody listens to would end the process.
  storeClient.on('error', () => {})
  return (options) => new RateLimiterRedis({ storeClient, ...options })
}

const SQLITE_TABLE = 'rate_limits'

/** The counters' file: beside the database file, so every instance that shares the database shares it too. */
export const sqliteLimitsFile = (databaseFile: string) => path.join(path.dirname(databaseFile), 'rate-limits.db')

/**
 * Counters in a SQLite file of their own beside the embedded database, which every instance on that database opens:
 * each count is one atomic upsert (rate-limiter-flexible's RateLimiterSQLite, through libsql, the engine the database
 * adapter itself uses, whose API is better-sqlite3's). A file apart from the content keeps Payload's migrations and
 * their drift check blind to it, backups free of counters nobody restores, and the content's write lock free of a
 * write per sign-in. Counters need not survive a power cut, so commits are not flushed to disk. The file names
 * accounts and client addresses: owner-only, like the database.
 */
export const sqliteLimiters = (file: string): LimiterFactory => {
  createPrivateFile(file)
  const storeClient = new Database(file)
  storeClient.pragma('busy_timeout = 5000')
  storeClient.pragma('journal_mode = WAL')
  storeClient.pragma('synchronous = OFF')
  // Made here, not by each limiter (whose table is created a moment after it is), so the first count never misses it.
  storeClient.exec(
    `CREATE TABLE IF NOT EXISTS ${SQLITE_TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
  )
  return (options) =>
    new RateLimiterSQLite({
      storeClient,
      storeType: 'better-sqlite3',
      tableName: SQLITE_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      ...options,
    })
}

/** What RateLimiterMongo needs of a connection: mongoose's Connection, or a promise of it. */
type MongoConnection = { collection: (name: string) => unknown }

let announceMongoConnection: (connection: MongoConnection) => void = () => {}
const mongoConnection = new Promise<MongoConnection>((resolve) => (announceMongoConnection = resolve))
let openMongoConnection: MongoConnection | undefined

/** The MongoDB adapter hands its connection over once open (src/lib/database.ts, afterOpenConnection). */
export const mongoConnectionOpened = (connection: MongoConnection): void => {
  openMongoConnection = connection
  announceMongoConnection(connection)
}

/**
 * Counters in the MongoDB database every instance shares, through the adapter's own connection (one collection, one
 * document per key, expired by a TTL index that rate-limiter-flexible creates). A limiter given the connection itself
 * is ready at once; given the promise (made before the adapter connected), only a moment after it resolves, which no
 * request meets since Payload serves none before it has connected.
 */
export const mongoLimiters: LimiterFactory = (options) =>
  new RateLimiterMongo({ storeClient: openMongoConnection ?? mongoConnection, tableName: 'rate_limits', ...options })

let shared: { place: string; factory: LimiterFactory } | undefined

/**
 * Where this process keeps its counters, shared by every instance that shares the database: REDIS_URL set: Redis;
 * otherwise the database in use (DATABASE_URI): MongoDB, or the SQLite file beside the embedded database; memory only
 * for an in-memory database. One store client per process, whoever asks.
 */
export const limitersFromEnvironment = (
  redisUrl = environment().REDIS_URL,
  databaseUri = environment().DATABASE_URI,
): LimiterFactory => {
  const file = sqliteFile(databaseUri)
  const place = redisUrl
    ? `redis ${redisUrl}`
    : databaseKind(databaseUri) === 'mongodb'
      ? 'mongodb'
      : file
        ? `sqlite ${file}`
        : 'memory'
  if (shared?.place !== place) {
    const factory = redisUrl
      ? redisLimiters(redisUrl)
      : place === 'mongodb'
        ? mongoLimiters
        : file
          ? sqliteLimiters(sqliteLimitsFile(file))
          : memoryLimiters
    shared = { place, factory }
  }
  return shared.factory
}
