import { randomBytes } from 'node:crypto'
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
    const adapter = context.payload.db as unknown as {
      schema: unknown
      drizzle: unknown
      requireDrizzleKit: () => DrizzleKit
    }
    const { statementsToExecute } = await adapter.requireDrizzleKit().pushSchema(adapter.schema, adapter.drizzle)
    expect(statementsToExecute).toEqual([])
  })

  it('are idempotent: running them again changes nothing', async () => {
    await context.payload.db.migrate({ migrations: migrations as never })
    const { totalDocs } = await context.payload.count({ collection: 'payload-migrations' })
    expect(totalDocs).toBe(migrations.length)
  })

  it('upgrade a database that has every earlier migration and data in it: the newest one applies, the data stays', async () => {
    const { payload } = context
    const newest = migrations[migrations.length - 1]
    // Data written first, then the database taken back to what the previous release left: the newest migration
    // undone and unrecorded (rows survive a migration that only adds columns or tables).
    const store = await payload.create({
      collection: 'stores',
      data: {
        name: '移行前の店',
        slug: 'before-migration',
        status: 'open',
        postalCode: '840-0801',
        prefecture: 'saga',
        city: '佐賀市',
        addressLine: '1-1',
        phone: '0952-00-0000',
      },
      overrideAccess: true,
    })
    const user = await payload.create({
      collection: 'users',
      data: {
        email: 'before-migration@example.com',
        password: randomBytes(16).toString('base64url'),
        name: '移行前',
        role: 'staff',
        stores: [store.id],
      },
      overrideAccess: true,
    })
    await newest.down({ db: (payload.db as unknown as { drizzle: never }).drizzle, payload, req: {} as never })
    await payload.delete({ collection: 'payload-migrations', where: { name: { equals: newest.name } } })

    await payload.db.migrate({ migrations: migrations as never })

    const { docs } = await payload.find({ collection: 'payload-migrations', where: { name: { equals: newest.name } } })
    expect(docs.map((doc) => doc.batch)).toEqual([2])
    expect(await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true })).toMatchObject({
      email: user.email,
      stores: [store.id],
    })
    expect(await payload.findByID({ collection: 'stores', id: store.id, overrideAccess: true })).toMatchObject({
      name: store.name,
    })
    // Every table of the current collections is usable, the newest ones included.
    const entry = await payload.create({
      collection: 'audit-log',
      data: { event: 'role_change', actor: user.id, subject: `users/${user.id}` },
      depth: 0,
      overrideAccess: true,
    })
    expect(entry).toMatchObject({ actor: user.id })
    const upgraded = await payload.update({
      collection: 'users',
      id: user.id,
      data: { secondFactorEnabled: true },
      depth: 0,
      overrideAccess: true,
    })
    expect(upgraded).toMatchObject({ secondFactorEnabled: true, stores: [store.id] })
    const adapter = payload.db as unknown as { schema: unknown; drizzle: unknown; requireDrizzleKit: () => DrizzleKit }
    const { statementsToExecute } = await adapter.requireDrizzleKit().pushSchema(adapter.schema, adapter.drizzle)
    expect(statementsToExecute).toEqual([])
  })
})
