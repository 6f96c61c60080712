import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

/**
 * Runs `work` so that its writes land all together or not at all; `work` passes the request it gets to every
 * Local API call.
 *
 * Payload's own transaction on that request: on SQLite one at a time per process (src/lib/sqliteTransactions.ts); on
 * MongoDB a replica set's, as docker-compose.yml runs (a standalone server has none, and the seed stays idempotent so
 * a re-run completes it).
 */
export const inOneTransaction = async <T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({}, payload)
  const started = await initTransaction(req)
  try {
    const result = await work(req)
    if (started) await commitTransaction(req)
    return result
  } catch (error) {
    if (started) await killTransaction(req)
    throw error
  }
}
