import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStores } from '../helpers/fixtures'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer
const SHOP = 'https://shop.example.jp'

beforeAll(async () => {
  // Read when the listener's CORS step is first imported, by startServer.
  process.env.CORS_ORIGINS = SHOP
  server = await startServer()
  await createStores(server.payload, { saga: '佐賀店' })
})
afterAll(async () => {
  delete process.env.CORS_ORIGINS
  await server?.stop()
})

describe('CORS headers of cached answers', () => {
  it("gives each hit its own request's CORS headers, never those of the request that filled the cache", async () => {
    const path = '/api/stores?limit=1&depth=0'
    const listed = await server.request(path, { headers: { Origin: SHOP } })
    expect(listed.headers.get('x-cache')).toBe('MISS')
    expect(listed.headers.get('access-control-allow-origin')).toBe(SHOP)

    const foreign = await server.request(path, { headers: { Origin: 'https://evil.example' } })
    expect(foreign.headers.get('x-cache')).toBe('HIT')
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull()

    const listedAgain = await server.request(path, { headers: { Origin: SHOP } })
    expect(listedAgain.headers.get('x-cache')).toBe('HIT')
    expect(listedAgain.headers.get('access-control-allow-origin')).toBe(SHOP)
    for (const response of [listed, foreign, listedAgain]) {
      expect(response.headers.get('vary')?.split(', ')).toEqual(
        expect.arrayContaining(['Origin', 'Accept-Encoding', 'Accept-Language', 'Authorization', 'Cookie']),
      )
    }
  })
})
