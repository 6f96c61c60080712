import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

type SqliteClient = { execute: (sql: string) => Promise<unknown> }

/**
 * Runs `work` so that its writes land all together or not at all; `work` passes the request it gets to every
 * Local API call.
 *
 * MongoDB: Payload's own transaction on that request (a replica set, as docker-compose.yml runs; a standalone server
 * has none, and the seed stays idempotent so a re-run completes it). SQLite: Payload's adapter runs without
 * transactions (libsql would move the transaction to a connection of its own, one without the busy timeout), so the
 * seed opens one on the adapter's single connection. That happens on start, before the server listens: whatever
 * else runs on the connection meanwhile (a background job) is part of it.
 */
export const inOneTransaction = async <T>(
  payload: Payload,
  context: Record<string, unknown>,
  work: (req: PayloadRequest) => Promise<T>,
): Promise<T> => {
  const req = await createLocalReq({ context }, payload)
  if (payload.db.name === 'sqlite') {
    const { client } = payload.db as unknown as { client: SqliteClient }
    await client.execute('BEGIN IMMEDIATE')
    try {
      const result = await work(req)
      await client.execute('COMMIT')
      return result
    } catch (error) {
      // SQLite may have rolled back already (some errors end the transaction themselves).
      await client.execute('ROLLBACK').catch(() => undefined)
      throw error
    }
  }
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
