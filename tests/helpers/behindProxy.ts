import { afterAll, beforeAll } from 'vitest'

import { startServer, type TestServer } from './server'

type ServerOptions = Parameters<typeof startServer>[0]

/**
 * The test server behind a trusted proxy (TRUST_PROXY=1), so a test chooses each request's client address with
 * X-Forwarded-For and every case can start from a fresh address with budgets of its own. Registers the file's
 * beforeAll/afterAll; `server()` is the running server, `freshAddress()` a documentation address never used before.
 */
export const serverBehindProxy = (options: ServerOptions, addressPrefix: string) => {
  let server: TestServer | undefined
  beforeAll(async () => {
    process.env.TRUST_PROXY = '1'
    server = await startServer(options)
  })
  afterAll(async () => {
    await server?.stop()
    delete process.env.TRUST_PROXY
  })
  let lastAddress = 0
  return {
    server: (): TestServer => server!,
    freshAddress: () => `${addressPrefix}.${(lastAddress += 1)}`,
  }
}
