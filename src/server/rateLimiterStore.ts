import { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'

export type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration: number }

/** Makes one rate limiter; where its counters live (process memory, Redis) is the factory's business. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract

/** Counters in this process: right for one instance, and for tests. */
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

/** REDIS_URL set: Redis; otherwise memory. */
export const limitersFromEnvironment = (redisUrl = process.env.REDIS_URL): LimiterFactory =>
  redisUrl ? redisLimiters(redisUrl) : memoryLimiters
