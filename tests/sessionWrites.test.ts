/**
 * Payload's sign-in writes back the sessions it read before hashing the password. A session ended in that time
 * (by "end other sessions", a password change, a disabled account) must stay ended. The write is replayed here
 * exactly as Payload's addSessionToUser makes it (tests/auth/sessions.test.ts races real sign-ins for the other fields).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createUser, startPayload, type TestPayload } from './helpers/payload'

let context: TestPayload
beforeAll(async () => {
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

/** The account row as the database holds it. */
const storedAccount = async (id: string) =>
  (await context.payload.db.findOne({ collection: 'users', where: { id: { equals: id } } })) as unknown as {
    sessions: { id: string }[]
  }

const session = (createdAt: Date) => ({ id: randomUUID(), createdAt, expiresAt: new Date(Date.now() + 3_600_000) })

it('a sign-in in flight does not restore a session ended meanwhile', async () => {
  const { payload } = context
  const user = await createUser(payload, 'staff')
  const earlier = new Date(Date.now() - 60_000)
  const [kept, ended] = [session(earlier), session(earlier)]
  // Sessions opened earlier (written as any other change, not as a session write).
  await payload.db.updateOne({ collection: 'users', id: user.id, data: { sessions: [kept, ended] } })

  // The sign-in reads the account, then hashes the password; meanwhile one session is ended.
  const readBeforeHash = (await storedAccount(user.id)) as Record<string, unknown> & { sessions: unknown[] }
  await payload.db.updateOne({ collection: 'users', id: user.id, data: { sessions: [kept], updatedAt: null } })

  const signedIn = session(new Date())
  await payload.db.updateOne({
    collection: 'users',
    id: user.id,
    data: { ...readBeforeHash, sessions: [...readBeforeHash.sessions, signedIn], updatedAt: null },
    returning: false,
  })

  const stored = await storedAccount(user.id)
  expect(stored.sessions.map(({ id }) => id).sort()).toEqual([kept.id, signedIn.id].sort())
})

it('signing out still removes the session, and a renewal keeps the others', async () => {
  const { payload } = context
  const user = await createUser(payload, 'staff')
  const [first, second] = [session(new Date(Date.now() - 60_000)), session(new Date(Date.now() - 30_000))]
  await payload.db.updateOne({ collection: 'users', id: user.id, data: { sessions: [first, second] } })
  await payload.db.updateOne({ collection: 'users', id: user.id, data: { sessions: [second], updatedAt: null } })
  const stored = await storedAccount(user.id)
  expect(stored.sessions.map(({ id }) => id)).toEqual([second.id])
})
