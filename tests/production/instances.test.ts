import { type Client, createClient } from '@libsql/client'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { type ApiRequest, httpClient } from '../helpers/http'
import { pngImage, uploadForm } from '../helpers/images'
import { freePort, type Instance, startInstance } from '../helpers/instance'
import { totpCode } from '../helpers/totp'

/**
 * Two API-only server processes, A and B, on ONE data folder (one SQLite file in WAL mode, one media folder), both
 * running the job queue every second, as two instances behind a load balancer do. What one instance does, the other
 * must respect: a due post is published once, failed sign-ins on either count against one budget, a second-factor
 * code spent on one is spent on both, and a picture uploaded to one is served by the other. That a change saved on
 * one reaches the other's response cache is proven in tests/delivery/instances.test.ts.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-production-instances-'))
const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
/** The production budget per account; the per-address budgets are out of the way, since every request here comes from 127.0.0.1. */
const FAILURES_PER_ACCOUNT = 5

/** Every webhook the instances sent, as the receiver got it. */
const received: { event: string; collection: string; id: string }[] = []
let receiver: Server
let a: Instance
let b: Instance
let adminToken: string
let database: Client

beforeAll(async () => {
  const port = await freePort()
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push(JSON.parse(body))
      res.writeHead(204).end()
    })
  }).listen(port, '127.0.0.1')
  const env = {
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    // The test runner turns the queue off for in-process tests; these instances run it as production does, every second.
    JOBS_AUTORUN: 'true',
    JOBS_AUTORUN_CRON: '* * * * * *',
    WEBHOOK_URLS: `http://127.0.0.1:${port}/hook`,
    WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(FAILURES_PER_ACCOUNT),
    LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '10000',
  }
  // A seeds the empty database; B starts on what A made.
  a = await startInstance({ dataDir, env })
  b = await startInstance({ dataDir, env })
  adminToken = await httpClient(a.baseUrl).login(admin.email, admin.password)
  database = createClient({ url: `file:${path.join(dataDir, 'cms.db')}` })
  // The instances write too (webhook deliveries, sessions): wait for their locks as they wait for each other's.
  await database.execute('PRAGMA busy_timeout = 5000')
}, 240_000)

afterAll(async () => {
  database?.close()
  const exits = await Promise.all([a?.stop(), b?.stop()])
  receiver?.close()
  rmSync(dataDir, { recursive: true, force: true })
  expect(exits).toEqual([0, 0])
})

const on = (instance: Instance): ApiRequest => httpClient(instance.baseUrl).request
const post = (instance: Instance, route: string, json: unknown, token?: string) =>
  on(instance)(route, { method: 'POST', json, token })

const count = async (sql: string, args: string[]) => Number((await database.execute({ sql, args })).rows[0]?.[0])

/** A staff or HQ account made by the admin through A, with its password. */
const newAccount = async (role: 'hq' | 'staff') => {
  const { docs: stores } = await (await on(a)('/api/stores?limit=1&depth=0')).json()
  const account = {
    email: `${role}-${randomBytes(4).toString('hex')}@example.com`,
    password: randomBytes(18).toString('base64url'),
  }
  const created = await post(
    a,
    '/api/users',
    { ...account, name: `${role} on two instances`, role, stores: [stores[0].id] },
    adminToken,
  )
  expect(created.status).toBe(201)
  return account
}

const signIn = (instance: Instance, email: string, password: string) =>
  post(instance, '/api/users/login', { email, password })

describe('two instances on one database', { timeout: 120_000 }, () => {
  it('publishes each due post exactly once while both instances run the job queue every second', async () => {
    const { docs: stores } = await (await on(a)('/api/stores?limit=1&depth=0')).json()
    const drafts: string[] = []
    for (let index = 0; index < 6; index++) {
      const response = await post(
        a,
        '/api/articles?draft=true',
        {
          title: `予約投稿 ${index}`,
          store: stores[0].id,
          body: plainTextToLexical([[`予約本文 ${index}`]]),
          _status: 'draft',
        },
        adminToken,
      )
      expect(response.status).toBe(201)
      drafts.push((await response.json()).doc.id)
    }
    // The row the admin's 公開予約 drawer queues, all due in the same second so both instances find them at once.
    const dueAt = new Date(Date.now() + 1_500).toISOString()
    for (const id of drafts) {
      await database.execute({
        sql: 'INSERT INTO payload_jobs (id, input, task_slug, queue, wait_until, processing, has_error, total_tried) VALUES (?, ?, ?, ?, ?, 0, 0, 0)',
        args: [
          randomUUID(),
          JSON.stringify({ type: 'publish', doc: { relationTo: 'articles', value: id } }),
          'schedulePublish',
          'default',
          dueAt,
        ],
      })
    }

    const published = async () =>
      (await count(
        `SELECT count(*) FROM articles WHERE _status = 'published' AND id IN (${drafts.map(() => '?').join(',')})`,
        drafts,
      )) === drafts.length
    const jobs = async () =>
      (
        await database.execute(
          `SELECT id, processing, has_error, error, completed_at, total_tried FROM payload_jobs WHERE task_slug = 'schedulePublish'`,
        )
      ).rows
    await vi.waitFor(async () => expect(await published(), JSON.stringify(await jobs())).toBe(true), {
      timeout: 20_000,
      interval: 200,
    })
    const publicOnB = async () =>
      (await Promise.all(drafts.map(async (id) => (await on(b)(`/api/articles/${id}`)).status))).every(
        (status) => status === 200,
      )
    await vi.waitFor(async () => expect(await publicOnB()).toBe(true), { timeout: 5_000, interval: 200 })
    const deliveredAll = async () => drafts.every((id) => received.some((event) => event.id === id))
    await vi.waitFor(async () => expect(await deliveredAll()).toBe(true), { timeout: 10_000, interval: 200 })
    // A second run would land within the next ticks of either cron.
    await new Promise((resolve) => setTimeout(resolve, 2_500))

    for (const id of drafts) {
      expect(
        await count(`SELECT count(*) FROM _articles_v WHERE parent_id = ? AND version__status = 'published'`, [id]),
        `published versions of ${id}`,
      ).toBe(1)
      expect(
        await count(`SELECT count(*) FROM audit_log WHERE event = 'publish' AND subject = ?`, [`articles/${id}`]),
        `audit entries of ${id}`,
      ).toBe(1)
      expect(
        received.filter((event) => event.id === id && event.event === 'publish'),
        `webhooks of ${id}`,
      ).toHaveLength(1)
    }
    expect(drafts.filter((id) => received.some((event) => event.id === id && event.event !== 'publish'))).toEqual([])
  })

  it('counts failed sign-ins on both instances against one budget per account', async () => {
    const account = await newAccount('staff')
    const failures = Array.from({ length: FAILURES_PER_ACCOUNT }, (_, index) =>
      signIn(index % 2 === 0 ? a : b, account.email, `wrong-${index}`),
    )
    expect((await Promise.all(failures)).map((response) => response.status)).toEqual(
      Array(FAILURES_PER_ACCOUNT).fill(401),
    )
    // Three failures on A and two on B: the account's budget is spent on both, the right password included.
    for (const instance of [a, b]) {
      const refused = await signIn(instance, account.email, account.password)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('accepts a second-factor code on one instance and refuses it on the other, one after the other or at once', async () => {
    const hq = await newAccount('hq')
    const sessionOn = async (instance: Instance) =>
      (await (await signIn(instance, hq.email, hq.password)).json()).token as string
    const enrolling = await sessionOn(a)
    const { secret } = await (await post(a, '/api/users/second-factor/enrol', {}, enrolling)).json()
    const confirmed = await post(
      a,
      '/api/users/second-factor/confirm',
      { code: totpCode(secret, Date.now() - 30_000) },
      enrolling,
    )
    expect(confirmed.status).toBe(200)
    const { recoveryCodes } = await confirmed.json()

    const code = totpCode(secret)
    expect((await post(a, '/api/users/second-factor/verify', { code }, await sessionOn(a))).status).toBe(200)
    const replay = await post(b, '/api/users/second-factor/verify', { code }, await sessionOn(b))
    expect(replay.status).toBe(401)

    // The same recovery code sent to both instances at the same moment, five times over: one of each pair gets in.
    for (const recoveryCode of recoveryCodes.slice(0, 5)) {
      const [onA, onB] = await Promise.all([sessionOn(a), sessionOn(b)])
      const statuses = await Promise.all([
        post(a, '/api/users/second-factor/verify', { recoveryCode }, onA),
        post(b, '/api/users/second-factor/verify', { recoveryCode }, onB),
      ])
      expect(statuses.map((response) => response.status).sort()).toEqual([200, 401])
    }
  })

  it('serves from B a picture uploaded to A, every size of it, from the shared media folder', async () => {
    const image = await pngImage(640, 480)
    const uploaded = await on(a)('/api/media', {
      method: 'POST',
      token: adminToken,
      body: uploadForm(image, 'two-instances.png', 'image/png', { alt: '二つのインスタンス' }),
    })
    expect(uploaded.status).toBe(201)
    const { doc } = await uploaded.json()
    const onB = await (await on(b)(`/api/media/${doc.id}`)).json()
    expect(onB.alt).toBe('二つのインスタンス')
    const urls = [
      onB.url,
      ...Object.values(onB.sizes as Record<string, { url: string | null }>).map((size) => size.url),
    ].filter(Boolean) as string[]
    expect(urls.length).toBeGreaterThan(1)
    for (const url of urls) {
      const [fromA, fromB] = await Promise.all(
        [a, b].map(async (instance) =>
          Buffer.from(
            await (await fetch(new URL(new URL(url, instance.baseUrl).pathname, instance.baseUrl))).arrayBuffer(),
          ),
        ),
      )
      expect(fromB.length, url).toBeGreaterThan(0)
      expect(fromB.equals(fromA as Buffer), url).toBe(true)
    }
  })
})
