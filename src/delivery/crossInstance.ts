import type { Payload } from 'payload'

import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import { environment } from '../lib/env'
import { advanceGeneration, onLocalChange } from './contentGeneration'

/**
 * Freshness across instances (several processes on one database): each local content change is announced, and each
 * change another instance announces advances this instance's content generation, which drops what it cached.
 * With REDIS_URL: Redis pub/sub, delivered at once. Otherwise a content-version value in the database (Payload's
 * key-value store, so SQLite and MongoDB alike) that every instance reads every CONTENT_VERSION_POLL_MS.
 * Announcements are sent after the change is visible (the generation advances again then), so an instance that
 * learns of a change reads the new content.
 */
export type ChangePropagation = { stop: () => Promise<void> }

/** Changes within this window are announced together: one write (or message) per burst, not two per save. */
const ANNOUNCE_DELAY_MS = 25

/** How long stopping waits for a last announcement to reach Redis. */
const STOP_WAIT_MS = 2_000

const CONTENT_VERSION_KEY = 'delivery:content-version'
const CHANGES_CHANNEL = 'delivery:content-changed'

export const startChangePropagation = (
  payload: Payload,
  {
    redisUrl = environment().REDIS_URL,
    pollMs = environment().CONTENT_VERSION_POLL_MS,
  }: { redisUrl?: string; pollMs?: number } = {},
): Promise<ChangePropagation> =>
  redisUrl ? propagateThroughRedis(payload, redisUrl) : propagateThroughDatabase(payload, pollMs)

/**
 * The database path. One row holds a random token, rewritten by whichever instance changed something last; an
 * instance that reads a token other than the last it saw advances. Two instances announcing at about the same
 * time overwrite each other: the other one reads the survivor's token and advances; the survivor may never read
 * the lost token, so after each of its own writes it advances once more: whatever change that lost token
 * announced was visible before the token was written, hence before the survivor's advance.
 */
const propagateThroughDatabase = async (payload: Payload, pollMs: number): Promise<ChangePropagation> => {
  const log = failureLog(payload, 'The content-version row')
  const readToken = async () => (await payload.kv.get<{ token: string }>(CONTENT_VERSION_KEY))?.token
  let lastSeen = await readToken().catch((error: unknown) => log.failed(error))
  let announce = false
  let stopped = false
  let wake: (() => void) | undefined

  /** One read or one write of the row; false when the database did not answer (the next try waits a full poll). */
  const tick = async (): Promise<boolean> => {
    try {
      if (announce) {
        announce = false
        const token = randomUUID()
        try {
          await payload.kv.set(CONTENT_VERSION_KEY, { token })
        } catch (error) {
          announce = true
          throw error
        }
        lastSeen = token
        advanceGeneration('remote')
      } else {
        const token = await readToken()
        if (token !== lastSeen) {
          lastSeen = token
          advanceGeneration('remote')
        }
      }
      log.recovered()
      return true
    } catch (error) {
      log.failed(error)
      return false
    }
  }

  /** Waits a poll interval on an unref'd timer (it keeps no process alive); a local change or stop ends it early. */
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined
        resolve()
      }, pollMs)
      timer.unref()
      wake = () => {
        wake = undefined
        clearTimeout(timer)
        resolve()
      }
    })

  // One loop, so reads and writes of the row never overlap.
  const loop = (async () => {
    while (!stopped) {
      const answered = await tick()
      if (!announce || !answered) await nap()
      if (announce && !stopped) await sleep(ANNOUNCE_DELAY_MS, undefined, { ref: false })
    }
    // A change made while stopping is still told to the others.
    if (announce) await tick()
  })()

  const unsubscribe = onLocalChange(() => {
    announce = true
    wake?.()
  })

  return {
    stop: async () => {
      unsubscribe()
      stopped = true
      wake?.()
      await loop
    },
  }
}

/**
 * The Redis path: one connection publishes, another listens (a subscribed connection can do nothing else). Each
 * message names its instance, so an instance ignores its own. Messages sent while a connection was down are lost,
 * so an instance advances once each time its listener connects again.
 */
const propagateThroughRedis = async (payload: Payload, redisUrl: string): Promise<ChangePropagation> => {
  const log = failureLog(payload, 'Redis (REDIS_URL)')
  const instance = randomUUID()
  // The publisher queues a message while disconnected and sends it once connected again, however long that takes.
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null })
  const listener = new Redis(redisUrl, { lazyConnect: true })
  // ioredis reconnects by itself; an 'error' event without a listener would end the process.
  publisher.on('error', (error) => log.failed(error))
  listener.on('error', (error) => log.failed(error))
  try {
    await Promise.all([publisher.connect(), listener.connect()])
    await listener.subscribe(CHANGES_CHANNEL)
  } catch (error) {
    publisher.disconnect()
    listener.disconnect()
    throw new Error(
      `REDIS_URL is set, but Redis did not answer (${error instanceof Error ? error.message : String(error)}): instances could not tell each other of changes`,
    )
  }
  listener.on('message', (_channel: string, sender: string) => {
    if (sender !== instance) advanceGeneration('remote')
  })
  listener.on('ready', () => {
    log.recovered()
    advanceGeneration('remote')
  })

  let pending: Promise<void> | undefined
  let again = false
  const publish = async (): Promise<void> => {
    await sleep(ANNOUNCE_DELAY_MS, undefined, { ref: false })
    again = false
    try {
      await publisher.publish(CHANGES_CHANNEL, instance)
      log.recovered()
    } catch (error) {
      log.failed(error)
    }
    if (again) return publish()
  }
  const unsubscribe = onLocalChange(() => {
    again = true
    pending ??= publish().finally(() => {
      pending = undefined
    })
  })

  return {
    stop: async () => {
      unsubscribe()
      // A last change is still told to the others, unless Redis stays away.
      await Promise.race([pending, sleep(STOP_WAIT_MS, undefined, { ref: false })])
      listener.disconnect()
      publisher.disconnect()
    },
  }
}

/** One warning when the channel starts failing and one note when it works again, not one per poll. */
const failureLog = (payload: Payload, what: string) => {
  let failing = false
  return {
    failed: (error: unknown): undefined => {
      if (!failing)
        payload.logger.warn(
          { err: error },
          `${what} is unreachable: changes on other instances reach this one once it is back`,
        )
      failing = true
      return undefined
    },
    recovered: () => {
      if (failing) payload.logger.info(`${what} is reachable again`)
      failing = false
    },
  }
}
