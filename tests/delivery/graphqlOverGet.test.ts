import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStores, signedInUser, type SignedInUser } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
let hq: SignedInUser

beforeAll(async () => {
  server = await startServer()
  await createStores(server.payload, { saga: '佐賀店', tosu: '鳥栖店' })
  hq = await signedInUser(server, 'hq')
})
afterAll(async () => {
  await server?.stop()
})

const STORES = '{ Stores(sort: "slug") { docs { slug name } } }'
const get = (parameters: Record<string, string>, init?: RequestInit & { token?: string }) =>
  server.request(`/api/graphql?${new URLSearchParams(parameters)}`, init)

describe('GraphQL over GET', () => {
  it('runs a query like POST, and answers it from the cache the second time', async () => {
    const posted = await server.graphql(STORES)
    const first = await get({ query: STORES })
    const second = await get({ query: STORES })
    expect(first.status).toBe(200)
    expect(await first.clone().json()).toEqual(posted.body)
    expect((await first.json()).data.Stores.docs.map((store: { slug: string }) => store.slug)).toEqual(['saga', 'tosu'])
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(second.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    const revalidated = await get(
      { query: STORES },
      { headers: { 'If-None-Match': first.headers.get('etag') as string } },
    )
    expect(revalidated.status).toBe(304)
  })

  it('takes variables and an operation name', async () => {
    const query =
      'query One($slug: String) { Stores(where: { slug: { equals: $slug } }) { docs { name } } } query Other { Stores { totalDocs } }'
    const response = await get({ query, variables: JSON.stringify({ slug: 'tosu' }), operationName: 'One' })
    expect(response.status).toBe(200)
    expect((await response.json()).data.Stores.docs).toEqual([{ name: '鳥栖店' }])
  })

  it('refuses a mutation with 405 and Allow: POST, and changes nothing', async () => {
    const { docs } = await server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } } })
    const mutation = `mutation { updateStore(id: "${docs[0].id}", data: { name: "乗っ取り" }) { name } }`
    const response = await get({ query: mutation }, { token: hq.token })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect((await response.json()).errors[0].message).toMatch(/POST/)
    expect((await server.payload.findByID({ collection: 'stores', id: docs[0].id })).name).toBe('佐賀店')
  })

  it.each([
    [{}, 'query'],
    [{ query: '{ Stores { docs { name } ' }, 'query'],
    [{ query: STORES, variables: '{not json' }, 'variables'],
    [{ query: STORES, variables: '[1, 2]' }, 'variables'],
    [{ query: 'query A { Stores { totalDocs } } query B { Stores { totalDocs } }' }, 'operationName'],
    [{ query: STORES, operationName: 'Missing' }, 'operationName'],
  ])('answers 400 naming the parameter for %j', async (parameters, parameter) => {
    const response = await get(parameters as Record<string, string>, { headers: { 'Accept-Language': 'en' } })
    expect(response.status).toBe(400)
    const { errors } = await response.json()
    expect(errors[0].data.parameter).toBe(parameter)
    expect(errors[0].message).toContain(parameter)
  })

  it('meets the cost caps of POST', async () => {
    const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: Stores { totalDocs }`).join(' ')
    const response = await get({ query: `{ ${aliases} }` })
    expect(response.status).toBe(400)
  })
})

describe('GraphQL queries by POST', () => {
  it('answers an anonymous query from the cache the second time, with the same ETag', async () => {
    const query = '{ Stores(sort: "-slug") { docs { slug } } }'
    const first = await server.request('/api/graphql', { method: 'POST', json: { query } })
    const second = await server.request('/api/graphql', { method: 'POST', json: { query } })
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(await second.text()).toBe(await first.text())
  })

  it('answers a cached query only where Express would: a page of another site is still refused', async () => {
    const query = '{ Stores(sort: "-name") { docs { slug } } }'
    await server.request('/api/graphql', { method: 'POST', json: { query } })
    expect((await server.request('/api/graphql', { method: 'POST', json: { query } })).headers.get('x-cache')).toBe(
      'HIT',
    )
    const foreign = await server.request('/api/graphql', {
      method: 'POST',
      json: { query },
      headers: { Origin: 'https://attacker.example' },
    })
    expect(foreign.status).toBe(403)
  })

  it('never keeps a mutation, nor a signed-in query', async () => {
    const query = '{ Stores(sort: "name") { docs { slug } } }'
    await server.request('/api/graphql', { method: 'POST', json: { query }, token: hq.token })
    const anonymous = await server.request('/api/graphql', { method: 'POST', json: { query } })
    expect(anonymous.headers.get('x-cache')).toBe('MISS')
    const signedIn = await server.request('/api/graphql', { method: 'POST', json: { query }, token: hq.token })
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')

    const mutation = 'mutation { createDevice(data: { brand: apple, model: "iPhone X", releaseYear: 2017 }) { model } }'
    const created = await server.request('/api/graphql', { method: 'POST', json: { query: mutation }, token: hq.token })
    expect(created.status).toBe(200)
    expect(created.headers.get('etag')).toBeNull()
  })
})
