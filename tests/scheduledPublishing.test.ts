import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer

/** Polls until `check` holds or the time is up; scheduled publishing is asynchronous by nature. */
const eventually = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

beforeAll(async () => {
  // The out-of-the-box set-up, with a one-second cron so the test need not wait ten.
  process.env.JOBS_AUTORUN = 'true'
  process.env.JOBS_AUTORUN_CRON = '* * * * * *'
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
})
afterAll(async () => {
  await server?.stop()
})

describe('scheduled publishing', () => {
  it('publishes a draft at the scheduled time with no set-up beyond starting the server', async () => {
    const [{ docs: stores }, { docs: devices }] = await Promise.all([
      server.payload.find({ collection: 'stores', limit: 1 }),
      server.payload.find({ collection: 'devices', limit: 1 }),
    ])
    const draft = await server.payload.create({
      collection: 'repair-logs',
      draft: true,
      data: {
        title: '予約投稿の修理ブログ',
        store: stores[0].id,
        device: devices[0].id,
        repairMenu: 'battery',
        body: plainTextToLexical([['予約した時刻に公開されます。']]),
        _status: 'draft',
      },
    })
    const publishAt = new Date(Date.now() + 2500)
    // The same job the admin's 公開予約 (schedule publish) drawer queues.
    await server.payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'repair-logs', value: draft.id } },
      waitUntil: publishAt,
    })

    const isPublic = async () => (await server.request(`/api/repair-logs/${draft.id}`)).status === 200
    expect(await isPublic()).toBe(false)
    expect(await eventually(isPublic, 12_000)).toBe(true)
    const published = await server.payload.findByID({ collection: 'repair-logs', id: draft.id })
    expect(published._status).toBe('published')
    expect(new Date(published.updatedAt).getTime()).toBeGreaterThanOrEqual(publishAt.getTime())
  })
})
