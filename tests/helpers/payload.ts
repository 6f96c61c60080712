import type { Payload } from 'payload'

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'

import { type OutboxMail, readOutbox } from '../../src/lib/email/outboxAdapter'

export type TestPayload = { payload: Payload; dataDir: string; outbox: () => OutboxMail[]; stop: () => Promise<void> }

/**
 * A Payload on a fresh SQLite file of its own, migrated with the committed migrations.
 * The environment is set before the config is imported, because the config reads it at import time.
 */
export const startPayload = async (): Promise<TestPayload> => {
  // The file's own folder (tests/setup/dataDir.ts), which src/lib/paths read at import.
  const dataDir = process.env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'cms-test-'))
  process.env.DATA_DIR = dataDir
  process.env.DATABASE_URI = `file:${path.join(dataDir, 'test.db')}`
  process.env.PAYLOAD_SECRET = randomBytes(32).toString('hex')
  process.env.MAIL_OUTBOX_DIR = path.join(dataDir, 'outbox')
  const { default: config } = await import('../../payload.config')
  const { migrateDatabase } = await import('../../src/startup/prepareDatabase')
  // A module that reached src/lib/paths before DATA_DIR was set would put this test's files in the project's data/.
  // Loud rather than silent: a second Payload in one file would share the first one's media folder.
  const { MEDIA_DIR } = await import('../../src/lib/paths')
  if (!MEDIA_DIR.startsWith(dataDir))
    throw new Error(`media would go to ${MEDIA_DIR}: src/lib/paths was imported before startPayload set DATA_DIR`)
  const payload = await getPayload({ config })
  await migrateDatabase(payload)
  return {
    payload,
    dataDir,
    // Mails the CMS sent, oldest first (the outbox adapter writes them to this folder).
    outbox: () => readOutbox(path.join(dataDir, 'outbox')),
    stop: async () => {
      await payload.destroy()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A user of the given role, belonging to the given store IDs, with a random password, for tests that sign in. */
export const createUser = async (
  payload: Payload,
  role: 'admin' | 'hq' | 'manager' | 'staff' = 'staff',
  { stores = [] }: { stores?: string[] } = {},
) => {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`
  const password = randomBytes(16).toString('base64url')
  const user = await payload.create({
    collection: 'users',
    data: { email, password, name: `${role} user`, role, stores },
    overrideAccess: true,
  })
  return { ...user, password }
}

/** A frontend account with an enabled API key, and the Authorization header a shop site sends with it. */
export const createFrontend = async (payload: Payload) => {
  const apiKey = randomBytes(24).toString('hex')
  const frontend = await payload.create({
    collection: 'users',
    data: {
      email: `frontend-${randomBytes(4).toString('hex')}@example.com`,
      password: randomBytes(16).toString('base64url'),
      name: 'shop site',
      role: 'frontend',
      enableAPIKey: true,
      apiKey,
    },
    overrideAccess: true,
  })
  return { ...frontend, apiKey, authorization: `users API-Key ${apiKey}` }
}
