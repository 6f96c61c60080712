import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../seed/seed'
import { createUser } from './helpers/payload'
import type { TestServer } from './helpers/server'

let server: TestServer
const tokens: Record<'admin' | 'hq' | 'manager' | 'staff', string> = { admin: '', hq: '', manager: '', staff: '' }

beforeAll(async () => {
  const { startServer } = await import('./helpers/server')
  server = await startServer()
  await seed(server.payload, { demoAccounts: false })
  const saga = (
    await server.payload.find({ collection: 'stores', where: { slug: { equals: 'saga' } }, overrideAccess: true })
  ).docs[0]
  for (const role of ['admin', 'hq', 'manager', 'staff'] as const) {
    const user = await createUser(server.payload, role, { stores: [saga.id] })
    tokens[role] = await server.login(user.email, user.password)
  }
})
afterAll(async () => {
  await server?.stop()
})

const patch = (data: Record<string, unknown>, token?: string) =>
  server.request('/api/globals/site-settings', { method: 'POST', token, json: data })

describe('the site settings every shop site shows', () => {
  it('are read by anyone, the same over REST and GraphQL', async () => {
    const rest = await (await server.request('/api/globals/site-settings')).json()
    const { body } = await server.graphql(
      '{ SiteSetting { siteName shortName navigation { label url } groupSites { label url } contact { label url } headings { storeRepairLogs chainRepairLogs } } }',
    )
    expect(rest.siteName).toBe('iPhone・スマホ修理のスマホスピタル')
    expect(body.data.SiteSetting).toEqual({
      siteName: rest.siteName,
      shortName: rest.shortName,
      navigation: rest.navigation.map(({ label, url }: { label: string; url: string }) => ({ label, url })),
      groupSites: rest.groupSites.map(({ label, url }: { label: string; url: string | null }) => ({
        label,
        url: url ?? null,
      })),
      contact: rest.contact,
      headings: rest.headings,
    })
  })

  it('are changed by HQ and admin only: a manager or staff member is refused and nothing changes', async () => {
    for (const role of ['manager', 'staff'] as const) {
      expect((await patch({ siteName: `${role}のサイト` }, tokens[role])).status).toBe(403)
    }
    expect((await patch({ siteName: '匿名のサイト' })).status).toBe(403)
    expect((await (await server.request('/api/globals/site-settings')).json()).siteName).toBe(
      'iPhone・スマホ修理のスマホスピタル',
    )
    expect((await patch({ shortName: 'スマホスピタル本部' }, tokens.hq)).status).toBe(200)
    expect((await (await server.request('/api/globals/site-settings')).json()).shortName).toBe('スマホスピタル本部')
    expect((await patch({ shortName: 'スマホスピタル' }, tokens.admin)).status).toBe(200)
  })

  it('refuse a link that is neither https nor a site path, naming the field', async () => {
    for (const url of [
      'http://example.jp/',
      'javascript:alert(1)',
      '//evil.example.com/x',
      '/stores/ x',
      'ftp://example.jp/',
    ]) {
      const response = await patch({ navigation: [{ label: '修理価格一覧', url }] }, tokens.hq)
      expect(response.status, url).toBe(400)
      const body = await response.json()
      expect(JSON.stringify(body.errors[0].data.errors.map((error: { path: string }) => error.path)), url).toContain(
        'url',
      )
    }
    const accepted = await patch(
      {
        navigation: [
          { label: '修理価格一覧', url: '/stores/{store}/prices' },
          { label: '本部', url: 'https://example.jp/' },
        ],
      },
      tokens.hq,
    )
    expect(accepted.status).toBe(200)
  })
})
