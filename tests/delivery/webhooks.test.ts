/**
 * Signed webhooks: a receiver on loopback hears of every publish, unpublish and delete of public content, signed
 * with the shared secret, retried when it fails, and nothing of drafts.
 */
import type { Payload } from 'payload'

import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, type SignedInUser, signedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

const SECRET = randomBytes(32).toString('base64url')
/** A draft's words, which no event may carry. */
const DRAFT_WORDS = 'まだ公開していない下書きの本文'

type Received = { path: string; headers: IncomingHttpHeaders; body: string }

let receiver: Server
/** What the receiver got, oldest first; the statuses it answers with, in turn (204 when none is left; 0: no answer). */
const received: Received[] = []
const answers: number[] = []

let server: TestServer
let payload: Payload
let ids: { own: string; other: string; device: string }
let staff: SignedInUser
let admin: SignedInUser

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const status = answers.shift() ?? 204
      if (status === 0) return
      res.writeHead(status, status === 302 ? { Location: '/followed' } : {}).end()
    })
  })
  receiver.listen(0, '127.0.0.1')
  await new Promise((resolve) => receiver.once('listening', resolve))
  // Read when the config is imported (startServer imports it).
  process.env.WEBHOOK_URLS = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/revalidate`
  process.env.WEBHOOK_SECRET = SECRET
  // Retries wait 1 ms, 2 ms, ... here rather than 10 s, 20 s, ...
  process.env.WEBHOOK_BACKOFF_MS = '1'
  process.env.WEBHOOK_ATTEMPTS = '3'
  process.env.WEBHOOK_TIMEOUT_MS = '1000'
  server = await startServer()
  payload = server.payload
  ids = await ownOtherStoresAndDevice(payload)
  ;[staff, admin] = await Promise.all([signedInUser(server, 'staff', [ids.own]), signedInUser(server, 'admin')])
})
afterAll(async () => {
  await server?.stop()
  receiver?.closeAllConnections()
  await new Promise((resolve) => receiver?.close(resolve))
})
beforeEach(async () => {
  await runDeliveries()
  received.length = 0
  answers.length = 0
})

/** Runs the due deliveries, as every instance's job runner does on its schedule (tests run it by hand). */
const runDeliveries = () => payload.jobs.run({ queue: 'webhooks' })

/** The events the receiver got from the deliveries due now, each checked as a receiver checks it. */
const deliveredEvents = async () => {
  await runDeliveries()
  return received.splice(0).map(verified)
}

/** The signature is HMAC-SHA256 of "timestamp.body" with the secret, and the timestamp is now (within 5 minutes). */
const verified = ({ headers, body }: Received) => {
  const timestamp = String(headers['x-webhook-timestamp'])
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`
  expect(headers['x-webhook-signature']).toBe(expected)
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300)
  expect(headers['content-type']).toBe('application/json')
  expect(headers['x-webhook-id']).toMatch(/^[0-9a-f-]{36}$/)
  expect(headers['user-agent']).toMatch(/webhooks/)
  expect(body).not.toContain(DRAFT_WORDS)
  return JSON.parse(body) as {
    event: string
    collection: string
    id: string
    slug: string | null
    store: string | null
    at: string
  }
}

const body = (words = '公開する本文') => plainTextToLexical([[words]])

const asStaff = (path: string, init: RequestInit & { json?: unknown } = {}) =>
  server.request(path, { ...init, token: staff.token })

/** A repair report of the own store, created over REST as its staff would (a draft unless `_status` says otherwise). */
const repairReport = async (slug: string, _status: 'draft' | 'published', draftFlag = _status === 'draft') => {
  const response = await asStaff(`/api/repair-logs${draftFlag ? '?draft=true' : ''}`, {
    method: 'POST',
    json: {
      title: `修理 ${slug}`,
      slug,
      store: ids.own,
      device: ids.device,
      repairMenu: 'battery',
      body: body(),
      _status,
    },
  })
  expect(response.status).toBe(201)
  return (await response.json()).doc as { id: string; slug: string }
}

const uniqueSlug = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

describe('publishing sends a signed event', () => {
  it('a repair report published over REST reaches the receiver, signed, with its collection, ID, slug and store', async () => {
    const slug = uniqueSlug('published')
    const before = Date.now()
    const report = await repairReport(slug, 'published')
    const [event, ...more] = await deliveredEvents()
    expect(more).toEqual([])
    expect(event).toEqual({
      event: 'publish',
      collection: 'repair-logs',
      id: report.id,
      slug,
      store: 'own',
      at: expect.any(String),
    })
    expect(new Date(event.at).getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('publishing a draft over REST sends a publish; saving the draft before sends nothing', async () => {
    const slug = uniqueSlug('draft-first')
    const draft = await repairReport(slug, 'draft')
    expect(await deliveredEvents()).toEqual([])
    const published = await asStaff(`/api/repair-logs/${draft.id}`, { method: 'PATCH', json: { _status: 'published' } })
    expect(published.status).toBe(200)
    expect(await deliveredEvents()).toMatchObject([{ event: 'publish', collection: 'repair-logs', id: draft.id, slug }])
  })

  it('a draft saved over a published document sends nothing, and its words go nowhere', async () => {
    const report = await repairReport(uniqueSlug('edited'), 'published')
    await deliveredEvents()
    const draft = await asStaff(`/api/repair-logs/${report.id}?draft=true`, {
      method: 'PATCH',
      json: { title: DRAFT_WORDS, body: body(DRAFT_WORDS) },
    })
    expect(draft.status).toBe(200)
    expect(await deliveredEvents()).toEqual([])
    const queued = await payload.find({
      collection: 'payload-jobs',
      where: { queue: { equals: 'webhooks' } },
      overrideAccess: true,
    })
    expect(JSON.stringify(queued.docs)).not.toContain(DRAFT_WORDS)
  })

  it('publishing over GraphQL and through the Local API sends the same event', async () => {
    const viaGraphql = await repairReport(uniqueSlug('graphql'), 'draft')
    const { body: answer } = await server.graphql(
      'mutation ($id: String!) { updateRepairLog(id: $id, data: { _status: published }) { id } }',
      {
        token: staff.token,
        variables: { id: viaGraphql.id },
      },
    )
    expect(answer.errors).toBeUndefined()
    const viaLocal = await payload.create({
      collection: 'articles',
      data: {
        title: 'ローカルAPIの記事',
        slug: uniqueSlug('local'),
        category: 'news',
        publishedAt: new Date().toISOString(),
        store: ids.other,
        body: body(),
        _status: 'published',
      },
      overrideAccess: true,
    })
    // Deliveries run side by side: in the order of their collections here.
    const events = (await deliveredEvents()).sort((a, b) => b.collection.localeCompare(a.collection))
    expect(events).toMatchObject([
      { event: 'publish', collection: 'repair-logs', id: viaGraphql.id, store: 'own' },
      { event: 'publish', collection: 'articles', id: viaLocal.id, slug: viaLocal.slug, store: 'other' },
    ])
  })

  it('collections without drafts send a publish for every saved change; chain-wide documents name no store', async () => {
    await payload.update({ collection: 'stores', id: ids.other, data: { name: '他店（改名）' }, overrideAccess: true })
    const price = await payload.create({
      collection: 'prices',
      data: {
        device: ids.device,
        repairMenu: 'screen',
        priceYen: 12800,
        validFrom: '2026-04-01T00:00:00+09:00',
        _status: 'published',
      },
      overrideAccess: true,
    })
    const campaign = await payload.create({
      collection: 'campaigns',
      data: {
        title: '春のキャンペーン',
        slug: uniqueSlug('spring'),
        kind: 'trade_in',
        startsAt: '2026-04-01T00:00:00+09:00',
        targetStores: [ids.own],
        _status: 'published',
      },
      overrideAccess: true,
    })
    const events = (await deliveredEvents()).sort((a, b) => b.collection.localeCompare(a.collection))
    expect(events).toMatchObject([
      { event: 'publish', collection: 'stores', id: ids.other, slug: 'other', store: 'other' },
      { event: 'publish', collection: 'prices', id: price.id, slug: null, store: null },
      { event: 'publish', collection: 'campaigns', id: campaign.id, slug: campaign.slug, store: null },
    ])
  })
})

describe('the site settings every page shows', () => {
  it('saving them sends one publish naming the global, from REST and the Local API alike', async () => {
    const saved = await server.request('/api/globals/site-settings', {
      method: 'POST',
      token: admin.token,
      json: { siteName: 'スマホスピタル', shortName: 'スマホスピタル' },
    })
    expect(saved.status).toBe(200)
    await payload.updateGlobal({ slug: 'site-settings', data: { footer: '© スマホスピタル' }, overrideAccess: true })
    const events = await deliveredEvents()
    expect(events).toEqual([
      { event: 'publish', global: 'site-settings', at: expect.any(String) },
      { event: 'publish', global: 'site-settings', at: expect.any(String) },
    ])
  })
})

describe('unpublishing and deleting', () => {
  it('unpublishing as the admin does (PATCH _status: draft) sends an unpublish naming the slug that was public', async () => {
    const slug = uniqueSlug('was-public')
    const report = await repairReport(slug, 'published')
    // A newer draft with another slug sits over the published document when it is taken down.
    await asStaff(`/api/repair-logs/${report.id}?draft=true`, {
      method: 'PATCH',
      json: { title: DRAFT_WORDS, slug: uniqueSlug('draft-slug') },
    })
    await deliveredEvents()
    const unpublished = await asStaff(`/api/repair-logs/${report.id}?depth=0`, {
      method: 'PATCH',
      json: { _status: 'draft' },
    })
    expect(unpublished.status).toBe(200)
    expect(await deliveredEvents()).toEqual([
      { event: 'unpublish', collection: 'repair-logs', id: report.id, slug, store: 'own', at: expect.any(String) },
    ])
    expect((await server.request(`/api/repair-logs/${report.id}`)).status).not.toBe(200)
  })

  it('deleting a published document sends a delete; deleting a draft never published sends nothing', async () => {
    const slug = uniqueSlug('deleted')
    const report = await repairReport(slug, 'published')
    const draft = await repairReport(uniqueSlug('never-public'), 'draft')
    await deliveredEvents()
    expect((await asStaff(`/api/repair-logs/${report.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await asStaff(`/api/repair-logs/${draft.id}`, { method: 'DELETE' })).status).toBe(200)
    expect(await deliveredEvents()).toEqual([
      { event: 'delete', collection: 'repair-logs', id: report.id, slug, store: 'own', at: expect.any(String) },
    ])
  })
})

describe('scheduled publishing', () => {
  it('the jobs runner publishing a scheduled draft sends a publish', async () => {
    const slug = uniqueSlug('scheduled')
    const draft = await repairReport(slug, 'draft')
    // The job the admin's 公開予約 (schedule publish) drawer queues, already due.
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'repair-logs', value: String(draft.id) } },
      waitUntil: new Date(Date.now() - 1000),
    })
    expect(await deliveredEvents()).toEqual([])
    await payload.jobs.run()
    expect((await payload.findByID({ collection: 'repair-logs', id: draft.id, overrideAccess: true }))._status).toBe(
      'published',
    )
    expect(await deliveredEvents()).toMatchObject([
      { event: 'publish', collection: 'repair-logs', id: draft.id, slug, store: 'own' },
    ])
  })

  it('a scheduled unpublish sends an unpublish', async () => {
    const slug = uniqueSlug('scheduled-off')
    const report = await repairReport(slug, 'published')
    await deliveredEvents()
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'unpublish', doc: { relationTo: 'repair-logs', value: String(report.id) } },
      waitUntil: new Date(Date.now() - 1000),
    })
    await payload.jobs.run()
    expect(await deliveredEvents()).toMatchObject([
      { event: 'unpublish', collection: 'repair-logs', id: report.id, slug, store: 'own' },
    ])
  })
})

describe('deliveries', () => {
  /** The log's rows about a document, oldest first. */
  const logOf = async (id: number | string) =>
    (
      await payload.find({
        collection: 'webhook-deliveries',
        where: { documentId: { equals: String(id) } },
        sort: 'createdAt',
        overrideAccess: true,
      })
    ).docs

  it('a receiver that answered 500 gets the same event again after the backoff, and the log shows both attempts', async () => {
    answers.push(500)
    const report = await repairReport(uniqueSlug('retried'), 'published')
    await runDeliveries()
    const [failed] = received.splice(0)
    expect(failed).toBeDefined()
    expect(await logOf(report.id)).toMatchObject([
      {
        event: 'publish',
        documentCollection: 'repair-logs',
        attempt: 1,
        statusCode: 500,
        error: 'HTTP 500',
        deliveredAt: null,
      },
    ])

    await new Promise((resolve) => setTimeout(resolve, 50))
    const [retried, ...more] = await deliveredEvents()
    expect(more).toEqual([])
    // The very same event (its time included), under the same delivery ID, so a receiver can drop a repeat.
    expect(retried).toEqual(JSON.parse(failed.body))
    const log = await logOf(report.id)
    expect(log).toHaveLength(2)
    expect(log[1]).toMatchObject({
      attempt: 2,
      statusCode: 204,
      error: null,
      url: process.env.WEBHOOK_URLS,
      deliveredAt: expect.any(String),
    })
    expect(log.map((row) => row.deliveryId)).toEqual([failed.headers['x-webhook-id'], failed.headers['x-webhook-id']])
    expect(typeof log[1].durationMs).toBe('number')
  })

  it('a redirect is not followed: it counts as a failure', async () => {
    answers.push(302)
    const report = await repairReport(uniqueSlug('redirected'), 'published')
    await runDeliveries()
    expect(received.splice(0).map(({ path }) => path)).toEqual(['/revalidate'])
    expect(await logOf(report.id)).toMatchObject([{ attempt: 1, statusCode: 302, error: 'HTTP 302' }])
  })

  it('a receiver that does not answer in time counts as a failure', async () => {
    answers.push(0)
    const report = await repairReport(uniqueSlug('silent'), 'published')
    await runDeliveries()
    expect(received.splice(0)).toHaveLength(1)
    expect(await logOf(report.id)).toMatchObject([
      { attempt: 1, statusCode: null, error: 'no answer within 1000 ms', deliveredAt: null },
    ])
  })

  it('the log keeps rows for WEBHOOK_LOG_DAYS (30) days: older ones go with the next delivery', async () => {
    const row = {
      deliveryId: 'old',
      event: 'publish',
      documentCollection: 'articles',
      url: 'http://example.com',
      attempt: 1,
    }
    const at = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
    await payload.db.create({
      collection: 'webhook-deliveries',
      data: { ...row, documentId: 'kept-29-days', createdAt: at(29), updatedAt: at(29) },
    })
    await payload.db.create({
      collection: 'webhook-deliveries',
      data: { ...row, documentId: 'dropped-31-days', createdAt: at(31), updatedAt: at(31) },
    })
    await repairReport(uniqueSlug('pruning'), 'published')
    await deliveredEvents()
    expect((await logOf('kept-29-days')).length).toBe(1)
    expect((await logOf('dropped-31-days')).length).toBe(0)
  })

  it('a delivery that cannot be queued neither fails nor undoes the write', async () => {
    const queue = vi.spyOn(payload.jobs, 'queue').mockRejectedValueOnce(new Error('queue unavailable'))
    try {
      const report = await repairReport(uniqueSlug('unqueued'), 'published')
      expect((await server.request(`/api/repair-logs/${report.id}`)).status).toBe(200)
    } finally {
      queue.mockRestore()
    }
  })

  it("the delivery log is the admin's to read; staff and the public get nothing, and nobody writes it over the API", async () => {
    const report = await repairReport(uniqueSlug('logged'), 'published')
    await deliveredEvents()
    const asAdmin = await (
      await server.request(`/api/webhook-deliveries?where[documentId][equals]=${report.id}`, { token: admin.token })
    ).json()
    expect(asAdmin.docs).toMatchObject([
      {
        event: 'publish',
        documentCollection: 'repair-logs',
        documentId: String(report.id),
        attempt: 1,
        statusCode: 204,
      },
    ])
    expect((await asStaff('/api/webhook-deliveries')).status).toBe(403)
    expect((await server.request('/api/webhook-deliveries')).status).toBe(403)
    const forged = await server.request('/api/webhook-deliveries', {
      method: 'POST',
      token: admin.token,
      json: {
        deliveryId: 'forged',
        event: 'publish',
        documentCollection: 'articles',
        documentId: '1',
        url: 'http://example.com',
        attempt: 1,
      },
    })
    expect(forged.status).toBe(403)
  })
})
