import { type Client, createClient } from '@libsql/client'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { httpClient } from '../helpers/http'
import { type Instance, startInstance } from '../helpers/instance'
import { startRedis } from '../helpers/redis'

/**
 * Two API-only server processes on ONE SQLite file, as read replicas run: a change saved on one reaches the other's
 * response cache within a second, told through the content-version row in the database, or through Redis pub/sub
 * when REDIS_URL is set. Every server is a real process; nothing is mocked.
 */

const SLUG = '2019-07-18-7pay'
const ARTICLE_BY_SLUG = `/api/articles?where[slug][equals]=${SLUG}&depth=0`
const ARTICLE_QUERY = `{ Articles(where: { slug: { equals: "${SLUG}" } }) { docs { title } } }`
/** What the product promises: a change reaches every instance within a second. */
const CONVERGENCE_MS = 1_000

const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-instances-'))
const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
const sharedEnv = {
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  SEED_ADMIN_EMAIL: admin.email,
  SEED_ADMIN_PASSWORD: admin.password,
}
let database: Client

afterAll(() => {
  database?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

type Pair = { a: Instance; b: Instance; token: string }

/**
 * A seeds the database and signs the admin in; B starts after that, so what B caches afterwards can only be made
 * stale by changes made after it started.
 */
const startPair = async (env: Record<string, string> = {}): Promise<Pair> => {
  const a = await startInstance({ dataDir, env: { ...sharedEnv, ...env } })
  try {
    const token = await httpClient(a.baseUrl).login(admin.email, admin.password)
    const b = await startInstance({ dataDir, env: { ...sharedEnv, ...env } })
    database ??= createClient({ url: `file:${path.join(dataDir, 'cms.db')}` })
    return { a, b, token }
  } catch (error) {
    await a.stop()
    throw error
  }
}

const stopPair = async (pair?: Pair) => {
  if (!pair) return
  expect(await Promise.all([pair.a.stop(), pair.b.stop()])).toEqual([0, 0])
}

const anonymousTitles = async (baseUrl: string) => {
  const { request } = httpClient(baseUrl)
  const rest = await (await request(ARTICLE_BY_SLUG)).json()
  const graphql = await (await request('/api/graphql', { method: 'POST', json: { query: ARTICLE_QUERY } })).json()
  return { rest: rest.docs[0]?.title as string, graphql: graphql.data?.Articles?.docs[0]?.title as string }
}

/**
 * B's anonymous answers (REST and GraphQL) are cached, which a change written into the database behind every
 * instance's back shows: B keeps answering the old title. Then A saves a new title over REST, and B must answer it
 * within a second of A's answer.
 */
const expectChangeOnAReachesB = async ({ a, b, token }: Pair, newTitle: string) => {
  const before = await anonymousTitles(b.baseUrl)
  expect(await anonymousTitles(b.baseUrl)).toEqual(before)
  await database.execute({
    sql: 'UPDATE articles SET title = ? WHERE slug = ?',
    args: [`${before.rest} (written behind the instances)`, SLUG],
  })
  expect(await anonymousTitles(b.baseUrl)).toEqual(before)

  const { docs } = await (await httpClient(a.baseUrl).request(ARTICLE_BY_SLUG, { token })).json()
  const saved = await httpClient(a.baseUrl).request(`/api/articles/${docs[0].id}`, {
    method: 'PATCH',
    token,
    json: { title: newTitle },
  })
  expect(saved.status).toBe(200)
  const savedAt = Date.now()
  let seen = before
  while (Date.now() - savedAt <= CONVERGENCE_MS) {
    seen = await anonymousTitles(b.baseUrl)
    if (seen.rest === newTitle && seen.graphql === newTitle) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(seen, `B's answers ${Date.now() - savedAt} ms after A saved`).toEqual({ rest: newTitle, graphql: newTitle })
}

describe('instances on one database, told of changes through the content-version row', () => {
  let pair: Pair | undefined
  beforeAll(async () => {
    pair = await startPair()
  })
  afterAll(() => stopPair(pair))

  it('a cached anonymous read on B shows a change saved on A within a second', async () => {
    await expectChangeOnAReachesB(pair as Pair, 'セブン-イレブンのコード決済「7pay」（データベース経由）')
  })

  it('writes sent to both instances at once all succeed, leave the database intact, and both then answer the same', async () => {
    const { a, b, token } = pair as Pair
    const { docs } = await (await httpClient(a.baseUrl).request('/api/repair-logs?limit=5&depth=0')).json()
    expect(docs.length).toBeGreaterThanOrEqual(3)
    const { docs: stores } = await (await httpClient(a.baseUrl).request('/api/stores?limit=1&depth=0')).json()
    const writes = Array.from({ length: 40 }, (_, index) => {
      const { request } = httpClient((index % 2 === 0 ? a : b).baseUrl)
      const log = docs[index % docs.length]
      if (index % 10 === 9)
        return request(`/api/stores/${stores[0].id}`, {
          method: 'PATCH',
          token,
          json: { reservationNote: `予約メモ ${index}` },
        })
      if (index % 5 === 4) {
        return request('/api/articles', {
          method: 'POST',
          token,
          json: {
            title: `同時書き込み ${index}`,
            store: stores[0].id,
            body: plainTextToLexical([[`本文 ${index}`]]),
            _status: 'published',
          },
        })
      }
      return request(`/api/repair-logs/${log.id}`, {
        method: 'PATCH',
        token,
        json: { title: `${log.title.split(' #')[0]} #${index}` },
      })
    })
    const statuses = (await Promise.all(writes)).map((response) => response.status)
    expect(statuses.filter((status) => status >= 300)).toEqual([])
    expect((await database.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok')

    const list = '/api/repair-logs?depth=1&limit=10&sort=title'
    const answered = Date.now()
    let bodies: string[] = []
    while (Date.now() - answered <= CONVERGENCE_MS) {
      bodies = await Promise.all([a, b].map(async ({ baseUrl }) => (await httpClient(baseUrl).request(list)).text()))
      if (bodies[0] === bodies[1]) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(bodies[1]).toBe(bodies[0])
    const signedIn = await (await httpClient(b.baseUrl).request(list, { token })).json()
    expect(JSON.parse(bodies[0]).docs.map((doc: { title: string }) => doc.title)).toEqual(
      signedIn.docs.map((doc: { title: string }) => doc.title),
    )
  })
})

describe('instances on one database, told of changes through Redis pub/sub (REDIS_URL)', () => {
  let pair: Pair | undefined
  let redis: ChildProcess | undefined
  beforeAll(async () => {
    const started = await startRedis()
    redis = started.process
    pair = await startPair({ REDIS_URL: started.url })
  })
  afterAll(async () => {
    await stopPair(pair)
    redis?.kill('SIGTERM')
  })

  it('a cached anonymous read on B shows a change saved on A within a second', async () => {
    await expectChangeOnAReachesB(pair as Pair, 'セブン-イレブンのコード決済「7pay」（Redis経由）')
  })
})
