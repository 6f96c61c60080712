import type { AddressInfo } from 'node:net'

import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'

import { closeServer } from '../../src/server/shutdown'

describe('closing the server on shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then resolves', async () => {
    const server = createServer((_req, res) => {
      setTimeout(() => res.end('finished'), 300)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

    const inFlight = fetch(url).then((response) => response.text())
    await new Promise((resolve) => setTimeout(resolve, 50))
    let closed = false
    const closing = closeServer(server).then(() => {
      closed = true
    })

    await expect(fetch(url)).rejects.toThrow()
    expect(closed).toBe(false)
    expect(await inFlight).toBe('finished')
    await closing
    expect(closed).toBe(true)
  })
})
