import { createRequire } from 'node:module'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'

export type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration: number }

/** Makes one rate limiter; where its counters live (process memory, Redis) is the factory's business. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract

/** Counters in this process: right for one instance, and for tests. */
export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options)

type RedisClientClass = new (url: string, options: Record<string, unknown>) => unknown

/**
 * Counters in Redis, shared by every instance behind a load balancer, so an attacker cannot multiply the budget by
 * the number of instances. The client (ioredis) is not a dependency of the project: install it where REDIS_URL is used.
 */
export const redisLimiters = (redisUrl: string): LimiterFactory => {
  let Redis: RedisClientClass
  try {
    Redis = createRequire(import.meta.url)('ioredis') as RedisClientClass
  }
  catch {
    throw new Error('REDIS_URL is set, but the Redis client package is missing: run `npm install ioredis` (or unset REDIS_URL to keep login counters in memory).')
  }
  // No offline queue: with Redis down, rate-limiter-flexible rejects at once instead of hanging sign-ins.
  const storeClient = new Redis(redisUrl, { enableOfflineQueue: false })
  return (options) => new RateLimiterRedis({ storeClient, ...options })
}

/** REDIS_URL set: Redis; otherwise memory. */
export const limitersFromEnvironment = (redisUrl = process.env.REDIS_URL): LimiterFactory =>
  redisUrl ? redisLimiters(redisUrl) : memoryLimiters
