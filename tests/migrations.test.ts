import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '../src/migrations'
import { startPayload, type TestPayload } from './helpers/payload'

let context: TestPayload

type DrizzleKit = {
  pushSchema: (schema: unknown, drizzle: unknown) => Promise<{ statementsToExecute: string[] }>
}

beforeAll(async () => {
  // startPayload applies the committed migrations to a brand-new, empty SQLite file.
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

describe('SQL migrations', () => {
  it('apply to an empty database, each recorded once in the first batch', async () => {
    const { docs } = await context.payload.find({ collection: 'payload-migrations', limit: 100, sort: 'name' })
    expect(docs.map((doc) => [doc.name, doc.batch])).toEqual(migrations.map((migration) => [migration.name, 1]))
  })

  it('leave the database exactly as the collections describe it (no schema change is missing a migration)', async () => {
    const adapter = context.payload.db as unknown as { schema: unknown; drizzle: unknown; requireDrizzleKit: () => DrizzleKit }
    const { statementsToExecute } = await adapter.requireDrizzleKit().pushSchema(adapter.schema, adapter.drizzle)
    expect(statementsToExecute).toEqual([])
  })

  it('are idempotent: running them again changes nothing', async () => {
    await context.payload.db.migrate({ migrations: migrations as never })
    const { totalDocs } = await context.payload.count({ collection: 'payload-migrations' })
    expect(totalDocs).toBe(migrations.length)
  })
})
