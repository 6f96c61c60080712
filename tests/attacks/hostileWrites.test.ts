import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStores, type SignedInUser, storeData } from '../helpers/fixtures'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'

/*
 * Hostile writes: bodies no editor would send, each of which answered 500 (and sometimes wrote half a document)
 * before every write was checked for shape, references and row IDs before anything ran (src/hooks/guardEveryWrite.ts).
 * Each must now answer 2xx or a 4xx naming the field, and a refused one must write nothing. The full sweep over every
 * collection is tests/fuzz/writes.test.ts; these are the replays, over HTTP only, so they run on any version.
 */

let server: TestServer
let admin: SignedInUser
let staff: SignedInUser
let ids: Record<string, string>
let device: string

beforeAll(async () => {
  server = await startServer()
  ids = await createStores(server.payload, { own: 'own' })
  device = (
    await server.payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'iPhone 8' },
      overrideAccess: true,
    })
  ).id
  ;({ admin, staff } = await roleAccounts(server, { own: ids.own! }, ['admin', 'staff']))
})
afterAll(async () => {
  await server?.stop()
})

const post = (path: string, json: unknown, token = admin.token) => server.request(path, { method: 'POST', token, json })
/** A body written as JSON text: nested 10,000 levels, it would overflow the test's own JSON.stringify. */
const postText = (path: string, body: string, token = admin.token) =>
  server.request(path, { method: 'POST', token, body, headers: { 'Content-Type': 'application/json' } })
const nested = (levels: number) => `${'{"and":['.repeat(levels)}"x"${']}'.repeat(levels)}`
const patch = (path: string, json: unknown, token = admin.token) =>
  server.request(path, { method: 'PATCH', token, json })

/** The fields a 400 names (Payload's ValidationError shape). */
const namedFields = async (response: Response): Promise<string[]> =>
  ((await response.json()).errors ?? []).flatMap(
    (error: { data?: { errors?: Array<{ path: string }> } }) => error.data?.errors?.map(({ path }) => path) ?? [],
  )

const count = async (collection: 'repair-logs' | 'stores' | 'articles') =>
  (await server.payload.count({ collection, overrideAccess: true })).totalDocs

const repairLog = (overrides: Record<string, unknown>) => ({
  title: 'iPhone 8 画面交換',
  publishedAt: '2026-04-01T10:00:00+09:00',
  store: ids.own,
  device,
  repairMenu: 'screen',
  body: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: [] } },
  ...overrides,
})

describe('a document read back and sent as a new one', () => {
  it('is created with fresh row IDs (it answered 500 on the rows’ unique IDs)', async () => {
    const original = await server.payload.create({
      collection: 'stores',
      data: storeData('copied', { openingHours: [{ days: ['mon'], opens: '10:00', closes: '19:00' }] }) as never,
      overrideAccess: true,
    })
    const read = await (await server.request(`/api/stores/${original.id}?depth=0`, { token: admin.token })).json()
    const copy = await post('/api/stores', { ...read, name: 'コピー', slug: 'copy-of-copied' })
    expect(copy.status, await copy.clone().text()).toBe(201)
    const created = (await copy.json()).doc
    expect(created.openingHours).toHaveLength(1)
    expect(created.openingHours[0].id).not.toBe(read.openingHours[0].id)
    // The original keeps its own row.
    expect(
      (await server.payload.findByID({ collection: 'stores', id: original.id, overrideAccess: true })).openingHours,
    ).toEqual(read.openingHours)
  })

  it('moves no rows when another document’s rows are sent over this one', async () => {
    const [a, b] = await Promise.all(
      ['rows-a', 'rows-b'].map((slug) =>
        server.payload.create({
          collection: 'stores',
          data: storeData(slug, { openingHours: [{ days: ['tue'], opens: '09:00', closes: '18:00' }] }) as never,
          overrideAccess: true,
        }),
      ),
    )
    const response = await patch(`/api/stores/${b!.id}`, { openingHours: a!.openingHours })
    expect(response.status, await response.clone().text()).toBe(200)
    const [afterA, afterB] = await Promise.all(
      [a, b].map((store) => server.payload.findByID({ collection: 'stores', id: store!.id, overrideAccess: true })),
    )
    expect(afterA!.openingHours).toEqual(a!.openingHours)
    expect(afterB!.openingHours![0]!.id).not.toBe(a!.openingHours![0]!.id)
  })
})

describe('a draft with values no field can hold (Payload validates only published saves; each answered 500)', () => {
  it.each([
    ['store', { store: 99999 }],
    ['store', { store: { equals: 'x' } }],
    ['repairMenu', { repairMenu: { in: ['screen'] } }],
    ['publishedAt', { publishedAt: 'not a date' }],
    ['device', { device: '00000000-0000-4000-8000-000000000000' }],
    ['beforePhotos', { beforePhotos: ['00000000-0000-4000-8000-000000000000'] }],
    ['title', { title: '(10,000 levels of objects)' }],
  ])('%s: %j is refused with 400 naming it, and nothing is written', async (field, values) => {
    const before = await count('repair-logs')
    const body = JSON.stringify(repairLog({ ...values, _status: 'draft' })).replace(
      '"(10,000 levels of objects)"',
      nested(10_000),
    )
    const response = await postText('/api/repair-logs?draft=true', body)
    expect(response.status).toBe(400)
    expect((await namedFields(response)).some((path) => path.split('.')[0] === field)).toBe(true)
    expect(await count('repair-logs')).toBe(before)
  })

  it('is refused over GraphQL with a 400 naming the field', async () => {
    const { body } = await server.graphql(
      `mutation ($data: mutationStoreUpdateInput!) { updateStore(id: "${ids.own}", data: $data) { id } }`,
      {
        token: admin.token,
        variables: { data: { photo: '00000000-0000-4000-8000-000000000000' } },
      },
    )
    expect(body.data?.updateStore ?? null).toBeNull()
    expect(body.errors?.[0]?.extensions).toMatchObject({
      statusCode: 400,
      data: { errors: [expect.objectContaining({ path: 'photo' })] },
    })
  })
})

describe('a signed-in user’s own preferences (the admin saves them with POST /api/payload-preferences/<key>)', () => {
  it('refuse a value nested 10,000 levels deep with 400 (written past every hook, it overflowed the stack: 500)', async () => {
    const response = await postText('/api/payload-preferences/nested', `{"value":${nested(10_000)}}`, staff.token)
    expect(response.status).toBe(400)
    expect(await namedFields(response)).toEqual(['value'])
  })

  it('still take a value as deep as the admin writes', async () => {
    const response = await postText('/api/payload-preferences/nested', `{"value":${nested(20)}}`, staff.token)
    expect(response.status).toBe(200)
  })

  it('answer 404 for deleting one the user does not have (the database was asked to delete nothing: 500)', async () => {
    expect(
      (await server.request('/api/payload-preferences/never-saved', { method: 'DELETE', token: staff.token })).status,
    ).toBe(404)
    expect(
      (await server.request('/api/payload-preferences/nested', { method: 'DELETE', token: staff.token })).status,
    ).toBe(200)
  })
})

describe('a large body to a route that reads none', () => {
  it('gets its answer, and so does the next request on the connection (it was reset)', async () => {
    const answers: number[] = []
    for (let round = 0; round < 3; round += 1) {
      const response = await post('/api/payload-migrations', { name: 'x'.repeat(1_000_000), batch: 1 })
      answers.push(response.status)
      await response.arrayBuffer()
    }
    for (const status of answers) expect(status).toBeGreaterThanOrEqual(400)
    for (const status of answers) expect(status).toBeLessThan(500)
  })
})
