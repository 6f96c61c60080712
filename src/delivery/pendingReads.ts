import type { IncomingMessage } from 'node:http'

import { currentGeneration } from './contentGeneration'

/** An anonymous read on its way to Payload: where its answer would be kept, and the content generation it started at. */
export type PendingRead = { key: string; startedAt: number }

const pending = new WeakMap<IncomingMessage, PendingRead>()

/**
 * Notes that a request is a cacheable read, taking the content generation NOW, before anything reads the database:
 * a change that lands while it runs moves the generation, and its answer is then not kept.
 */
export const beginRead = (req: IncomingMessage, key: string): PendingRead => {
  const read = { key, startedAt: currentGeneration() }
  pending.set(req, read)
  return read
}

/** The cacheable read a request began, if any. */
export const pendingReadOf = (req: IncomingMessage): PendingRead | undefined => pending.get(req)
