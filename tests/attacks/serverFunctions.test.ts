import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeServer } from '../../src/server/shutdown'
import { callServerFunction, locksOn, schedulesOf } from '../helpers/adminServerFunctions'
import { createStores, type SignedInUser } from '../helpers/fixtures'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

/**
 * The admin's server functions. The admin calls Payload's server functions with a document ID the browser sends,
 * and two wrote without asking whether the caller may touch that document: form-state took the edit lock of any
 * document (another store's post, HQ's price, the admin's own account), so the rightful editors' saves answered 423
 * for five minutes, renewable at will; schedule-publish deleted any scheduled publish by its job ID and queued one
 * on any document. And any site could make a signed-in browser sign in, request resets or sign out
 * (/admin/logout signs out as it loads). Each case replays one of these as staff of store A.
 */

let server: TestServer
let staffOfA: SignedInUser
let staffOfB: SignedInUser
let hq: SignedInUser
let admin: SignedInUser
let storeB: string
let device: string

/** A draft post of store B, which only B's staff (and HQ) may edit. */
const postOfStoreB = async (title: string) =>
  (
    await server.payload.create({
      collection: 'articles',
      draft: true,
      data: { title, store: storeB, _status: 'draft' } as never,
      overrideAccess: true,
    })
  ).id

const inAnHour = () => new Date(Date.now() + 3_600_000)

/** Runs the forged call; the caller may be refused (the fix) or not (the attack): what counts is what it did. */
const forge = (by: SignedInUser, name: string, args: Record<string, unknown>) =>
  callServerFunction(server.payload, by.token, name, args).then(
    () => 'carried out',
    () => 'refused',
  )

beforeAll(async () => {
  server = await startServer()
  const stores = await createStores(server.payload, { a: 'Store A', b: 'Store B' })
  storeB = stores.b
  device = (
    await server.payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'iPhone 8' },
      overrideAccess: true,
    })
  ).id
  ;({
    staff: staffOfA,
    otherStaff: staffOfB,
    hq,
    admin,
  } = await roleAccounts(server, { own: stores.a!, other: stores.b }, ['staff', 'otherStaff', 'hq', 'admin']))
})
afterAll(async () => {
  await server?.stop()
})

describe('staff of another store, calling the admin’s server functions with a forged document ID', () => {
  it('cannot take the edit lock of store B’s post, so B’s staff still save it', async () => {
    const post = await postOfStoreB('B店の記事')
    await forge(staffOfA, 'form-state', {
      collectionSlug: 'articles',
      id: post,
      returnLockStatus: true,
      updateLastEdited: true,
    })
    expect
      .soft(await locksOn(server.payload, 'articles', post), 'edit locks held by staff of A')
      .not.toContain(String(staffOfA.id))
    const save = await server.request(`/api/articles/${post}?draft=true`, {
      method: 'PATCH',
      token: staffOfB.token,
      json: { title: 'B店の記事（更新）' },
    })
    expect(save.status, 'the rightful save').toBe(200)
  })

  it('cannot take the edit lock of a chain-wide price, so HQ still saves it', async () => {
    const price = await server.payload.create({
      collection: 'prices',
      draft: true,
      data: { device, repairMenu: 'battery', priceYen: 6800, validFrom: '2027-04-01T00:00:00+09:00', _status: 'draft' },
      overrideAccess: true,
    })
    await forge(staffOfA, 'form-state', { collectionSlug: 'prices', id: price.id, returnLockStatus: true })
    expect
      .soft(await locksOn(server.payload, 'prices', price.id), 'edit locks held by staff of A')
      .not.toContain(String(staffOfA.id))
    const save = await server.request(`/api/prices/${price.id}?draft=true`, {
      method: 'PATCH',
      token: hq.token,
      json: { priceYen: 7200 },
    })
    expect(save.status, 'the rightful save').toBe(200)
  })

  it('cannot take the edit lock of the admin’s own account, so the admin still saves it', async () => {
    await forge(staffOfA, 'form-state', { collectionSlug: 'users', id: admin.id, returnLockStatus: true })
    expect
      .soft(await locksOn(server.payload, 'users', String(admin.id)), 'edit locks held by staff of A')
      .not.toContain(String(staffOfA.id))
    const save = await server.request(`/api/users/${admin.id}`, {
      method: 'PATCH',
      token: admin.token,
      json: { name: '管理者' },
    })
    expect(save.status, 'the rightful save').toBe(200)
  })

  it('cannot delete store B’s scheduled publish by its job ID', async () => {
    const post = await postOfStoreB('B店の予約投稿')
    // B's staff schedule their post from the publish menu, as the admin does for them.
    await callServerFunction(server.payload, staffOfB.token, 'schedule-publish', {
      type: 'publish',
      date: inAnHour(),
      doc: { relationTo: 'articles', value: post },
    })
    const [job] = await schedulesOf(server.payload, 'articles', post)
    expect(job).toBeDefined()
    await forge(staffOfA, 'schedule-publish', { deleteID: job.id })
    expect(
      (await schedulesOf(server.payload, 'articles', post)).map((scheduled) => scheduled.id),
      'B’s scheduled publish',
    ).toEqual([job.id])
  })

  it('cannot schedule publishing or withdrawing a post they cannot edit', async () => {
    const post = await postOfStoreB('B店の下書き')
    await forge(staffOfA, 'schedule-publish', {
      type: 'publish',
      date: inAnHour(),
      doc: { relationTo: 'articles', value: post },
    })
    await forge(staffOfA, 'schedule-publish', {
      type: 'unpublish',
      date: inAnHour(),
      doc: { relationTo: 'articles', value: post },
    })
    expect(
      (await schedulesOf(server.payload, 'articles', post)).map((job) => (job.input as { type: string }).type),
      'jobs queued on B’s post',
    ).toEqual([])
  })
})

describe('another site, through a signed-in browser', () => {
  const EVIL = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }
  let admin: { baseUrl: string; server: Server; reached: string[] }

  beforeAll(async () => {
    // The real Express app in front of a stand-in for the Next.js admin that notes what reaches it.
    const { createApp } = await import('../../src/server/app')
    const reached: string[] = []
    const app = createApp({
      payload: server.payload,
      config: Promise.resolve(server.payload.config),
      readiness: { shuttingDown: false },
      production: false,
      apiRateLimitPerMinute: 0,
      nextHandler: (req, res) => {
        reached.push(`${req.method} ${req.path}`)
        res.status(200).send('the admin')
      },
    })
    const listening = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => listening.once('listening', resolve))
    admin = { baseUrl: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, server: listening, reached }
  })
  afterAll(async () => {
    if (admin) await closeServer(admin.server)
  })

  it('cannot open the admin’s logout page, which signs the browser out as it loads', async () => {
    const response = await fetch(`${admin.baseUrl}/admin/logout`, {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
    })
    expect(admin.reached, 'requests that reached the admin').not.toContain('GET /admin/logout')
    expect(response.status).toBe(403)
  })

  it('cannot post to the admin (its server actions)', async () => {
    const response = await fetch(`${admin.baseUrl}/admin/collections/articles`, {
      method: 'POST',
      headers: { ...EVIL, 'Next-Action': 'forged' },
      body: '[]',
    })
    expect(admin.reached, 'requests that reached the admin').not.toContain('POST /admin/collections/articles')
    expect(response.status).toBe(403)
  })

  it('cannot sign the browser in to an account of the attacker’s, or send reset mails in its name', async () => {
    const signIn = await server.request('/api/users/login', {
      method: 'POST',
      headers: EVIL,
      json: { email: staffOfA.email, password: staffOfA.password },
    })
    expect.soft(signIn.status, 'the forged sign-in').toBe(403)
    const reset = await server.request('/api/users/forgot-password', {
      method: 'POST',
      headers: EVIL,
      json: { email: staffOfB.email },
    })
    expect(reset.status, 'the forged reset request').toBe(403)
  })
})
