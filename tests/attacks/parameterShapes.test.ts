/**
 * Our endpoints' query parameters are single values. Given twice (`at=…&at=…`), as a list (`at[]=…`) or as an object
 * (`at[x]=…`), each was read as absent or as its first value, and answered 200 with the default (now, today, every
 * collection) or with whichever came first. Payload's own parameters refuse that shape with a 400; ours now do too,
 * naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed/seed'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
})
afterAll(async () => {
  await server?.stop()
})

/** Each parameter our endpoints read, with a value they accept. */
const PARAMETERS = [
  { path: '/api/stores/saga/campaigns/active', parameter: 'at', value: '2026-04-01' },
  { path: '/api/stores/saga/prices', parameter: 'date', value: '2026-04-01' },
  { path: '/api/stores/saga/prices/history', parameter: 'device', value: 'iphone-8' },
  { path: '/api/labels', parameter: 'collection', value: 'stores' },
]

describe('a query parameter of our endpoints', () => {
  it.each(PARAMETERS)('$parameter of $path: accepted once as a value', async ({ path, parameter, value }) => {
    expect((await server.request(`${path}?${parameter}=${value}`)).status).toBe(200)
  })

  it.each(PARAMETERS)(
    '$parameter of $path: given twice, as a list or as an object, a 400 naming it',
    async ({ path, parameter, value }) => {
      for (const query of [
        `${parameter}=${value}&${parameter}=${value}`,
        `${parameter}=${value}&${parameter}=other`,
        `${parameter}[]=${value}`,
        `${parameter}[x]=${value}`,
        `${parameter}[0]=${value}`,
      ]) {
        const response = await server.request(`${path}?${query}`)
        expect(response.status, query).toBe(400)
        const body = await response.json()
        expect(body.errors[0].data.errors[0].path, query).toBe(parameter)
      }
    },
  )
})
