import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PROJECT_ROOT } from '../src/lib/paths'
import { guardServerFunction, SERVER_FUNCTION_CHECKS } from '../src/access/serverFunctionGuard'
import { callServerFunction, locksOn, schedulesOf } from './helpers/adminServerFunctions'
import { createStores, type SignedInUser, signedInUser } from './helpers/fixtures'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let staffOfA: SignedInUser
let staffOfB: SignedInUser
let managerOfB: SignedInUser
let hq: SignedInUser
let stores: Record<string, string>

const post = async (store: string, title: string) =>
  (
    await server.payload.create({
      collection: 'articles',
      draft: true,
      data: { title, store, _status: 'draft' } as never,
      overrideAccess: true,
    })
  ).id

const inAnHour = () => new Date(Date.now() + 3_600_000)

beforeAll(async () => {
  server = await startServer()
  stores = await createStores(server.payload, { a: 'Store A', b: 'Store B' })
  staffOfA = await signedInUser(server, 'staff', [stores.a])
  staffOfB = await signedInUser(server, 'staff', [stores.b])
  managerOfB = await signedInUser(server, 'manager', [stores.b])
  hq = await signedInUser(server, 'hq')
})
afterAll(async () => {
  await server?.stop()
})

describe('the admin’s server functions', () => {
  it('are every one that Payload’s admin registers, each named with its check (a new one stays refused until named)', () => {
    const source = readFileSync(
      path.join(PROJECT_ROOT, 'node_modules/@payloadcms/next/dist/utilities/handleServerFunctions.js'),
      'utf8',
    )
    const table = /const baseServerFunctions = \{([^}]*)\}/.exec(source)?.[1] ?? ''
    const payloadNames = [...table.matchAll(/^\s*'?([a-z-]+)'?:/gm)].map(([, name]) => name)
    expect(payloadNames.length).toBeGreaterThan(10)
    expect(Object.keys(SERVER_FUNCTION_CHECKS).sort()).toEqual(payloadNames.sort())
  })

  it('refuse a name that is not on the list, inherited object keys included', async () => {
    const req = await createLocalReq({}, server.payload)
    for (const name of ['render-anything', '__proto__', 'toString', 'constructor', undefined]) {
      await expect(guardServerFunction({ name, args: {}, req }), String(name)).rejects.toThrow(/not available/)
    }
  })

  it('let staff lock and renew the lock of their own store’s post', async () => {
    const own = await post(stores.a, 'A店の記事')
    await callServerFunction(server.payload, staffOfA.token, 'form-state', {
      collectionSlug: 'articles',
      id: own,
      returnLockStatus: true,
    })
    expect(await locksOn(server.payload, 'articles', own)).toEqual([String(staffOfA.id)])
    await callServerFunction(server.payload, staffOfA.token, 'form-state', {
      collectionSlug: 'articles',
      id: own,
      returnLockStatus: true,
      updateLastEdited: true,
    })
    expect(await locksOn(server.payload, 'articles', own)).toEqual([String(staffOfA.id)])
  })

  it('let HQ lock any store’s post', async () => {
    const ofB = await post(stores.b, 'B店の記事')
    await callServerFunction(server.payload, hq.token, 'form-state', {
      collectionSlug: 'articles',
      id: ofB,
      returnLockStatus: true,
    })
    expect(await locksOn(server.payload, 'articles', ofB)).toEqual([String(hq.id)])
  })

  it('refuse a lock on a document that does not exist, an unknown collection, a malformed ID or a global (the CMS has none)', async () => {
    const forged = [
      { collectionSlug: 'articles', id: 'no-such-post' },
      { collectionSlug: 'no-such-collection', id: '1' },
      { collectionSlug: 'articles', id: { in: ['1'] } },
      { globalSlug: 'settings' },
    ]
    for (const args of forged) {
      await expect(
        callServerFunction(server.payload, staffOfA.token, 'form-state', { ...args, returnLockStatus: true }),
        JSON.stringify(args),
      ).rejects.toMatchObject({ status: 403 })
    }
  })

  it('let staff schedule their own post and cancel the schedule; a manager of the store cancels it too', async () => {
    const own = await post(stores.b, 'B店の予約投稿')
    const schedule = () =>
      callServerFunction(server.payload, staffOfB.token, 'schedule-publish', {
        type: 'publish',
        date: inAnHour(),
        doc: { relationTo: 'articles', value: own },
      })
    await schedule()
    const [first] = await schedulesOf(server.payload, 'articles', own)
    await callServerFunction(server.payload, staffOfB.token, 'schedule-publish', { deleteID: first.id })
    expect(await schedulesOf(server.payload, 'articles', own)).toEqual([])

    await schedule()
    const [second] = await schedulesOf(server.payload, 'articles', own)
    await callServerFunction(server.payload, managerOfB.token, 'schedule-publish', { deleteID: second.id })
    expect(await schedulesOf(server.payload, 'articles', own)).toEqual([])
  })

  it('refuse a schedule call naming no document, or a job that is not a scheduled publish', async () => {
    await expect(
      callServerFunction(server.payload, staffOfA.token, 'schedule-publish', { type: 'publish', date: inAnHour() }),
    ).rejects.toMatchObject({ status: 403 })
    const otherJob = await server.payload.create({
      collection: 'payload-jobs',
      data: { taskSlug: 'inline', input: {} } as never,
      overrideAccess: true,
    })
    await expect(
      callServerFunction(server.payload, staffOfA.token, 'schedule-publish', { deleteID: otherJob.id }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
