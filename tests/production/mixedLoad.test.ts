import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LOAD_SERVER_ENV, loadAccounts } from '../bench/load'
import { type LoadResult, runMixedLoad, unreadableWrites } from '../bench/loadScenario'
import { httpClient } from '../helpers/http'
import { type Instance, startInstance } from '../helpers/instance'

/**
 * The mixed load of the bench (tests/bench/loadScenario.ts), a few seconds of it with a handful of users against one
 * server process as `npm run serve:api` runs it: anonymous readers over REST and GraphQL and of media files, store
 * writers signing in and out, uploading and writing posts, HQ through its second factor writing prices. Speed is
 * the bench's business; this checks that the load meets no error and loses no acknowledged write.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-mixed-load-'))
const { accounts, seedEnv } = loadAccounts()
let server: Instance
let result: LoadResult

beforeAll(async () => {
  server = await startInstance({
    dataDir,
    env: { PAYLOAD_SECRET: randomBytes(32).toString('hex'), ...seedEnv, ...LOAD_SERVER_ENV },
  })
  result = await runMixedLoad({
    baseUrl: server.baseUrl,
    readers: 4,
    writers: accounts,
    durationMs: 5_000,
    readerThinkMs: [0, 50],
    writerThinkMs: [0, 100],
  })
}, 180_000)

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a mixed load of readers and writers against one server process', () => {
  it('meets no error and no 5xx on any route', () => {
    expect(result.errorSamples).toEqual([])
    expect(result.errors).toBe(0)
    expect(result.serverErrors).toBe(0)
  })

  it('reads, signs in and out, uploads and writes every kind of document', () => {
    const routes = result.routes.map((route) => route.route)
    for (const route of [
      'sign in',
      'sign out',
      'second factor confirm',
      'upload media',
      'create article draft',
      'create repair report',
      'create price draft',
      'publish price',
      'REST articles list',
      'GraphQL articles list (POST)',
      'media file',
    ]) {
      expect(routes).toContain(route)
    }
  })

  it('finds every acknowledged write afterwards as it was written', async () => {
    const tokens: Record<string, string> = {}
    for (const account of accounts.filter((candidate) => candidate.role !== 'hq'))
      tokens[account.email] = await httpClient(server.baseUrl).login(account.email, account.password)
    expect(result.acknowledged.length).toBeGreaterThan(0)
    expect(await unreadableWrites(server.baseUrl, result.acknowledged, tokens)).toEqual([])
  })
})
