import type { AddressInfo } from 'node:net'
import type { Payload, PayloadRequest, SanitizedConfig } from 'payload'

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { mayUseDeveloperTools } from '../../src/lib/developerTools'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { groupsOfFour, recoveryCodesFile } from '../../src/lib/auth/secondFactorSheet'
import { closeServer } from '../../src/server/shutdown'
import { httpClient } from '../helpers/http'
import { createUser, startPayload, type TestPayload } from '../helpers/payload'

type Role = 'admin' | 'hq' | 'manager' | 'staff'
const asUser = (role: string, extra: Record<string, unknown> = {}) =>
  ({ id: '1', role, stores: [], ...extra }) as unknown as PayloadRequest['user']

describe('who sees the developer tools (API tab and view, taking over a locked document)', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['hq', true],
    ['manager', false],
    ['staff', false],
  ])('%s: %s', (role, allowed) => {
    expect(mayUseDeveloperTools(asUser(role))).toBe(allowed)
  })

  it('nobody signed out, no frontend account and no disabled HQ account', () => {
    expect(mayUseDeveloperTools(null)).toBe(false)
    expect(mayUseDeveloperTools(asUser('frontend'))).toBe(false)
    expect(mayUseDeveloperTools(asUser('hq', { disabled: true }))).toBe(false)
  })
})

describe('the set-up key and the recovery codes', () => {
  it('shows the set-up key in groups of four that join back to the key itself', () => {
    const key = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ'
    expect(groupsOfFour(key)).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'JBSW', 'Y3DP', 'EHPK', '3PXQ'])
    expect(groupsOfFour(key).join('')).toBe(key)
    expect(groupsOfFour('ABCDEF')).toEqual(['ABCD', 'EF'])
  })

  it('writes the recovery codes to the downloaded file one a line, with the account they belong to', () => {
    const codes = ['aaaa-bbbb', 'cccc-dddd']
    const lines = recoveryCodesFile(codes, 'staff@example.com', new Date('2026-12-01T15:30:00Z')).split('\r\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        ...codes,
        expect.stringContaining('staff@example.com'),
        expect.stringContaining('2026/12/2 0:30:00'),
      ]),
    )
  })
})

describe('the admin as staff and HQ see it (live config)', () => {
  let context: TestPayload
  let payload: Payload
  let config: SanitizedConfig
  let baseUrl: string
  let stopApp: () => Promise<void>
  let client: ReturnType<typeof httpClient>

  beforeAll(async () => {
    context = await startPayload()
    payload = context.payload
    config = payload.config
    // The real Express app with a stand-in for Next.js: what reaches it is what the admin would render.
    const { createApp } = await import('../../src/server/app')
    const app = createApp({
      payload,
      config: Promise.resolve(config),
      readiness: { shuttingDown: false },
      production: false,
      apiRateLimitPerMinute: 0,
      nextHandler: (_req, res) => void res.status(200).send('rendered by Next.js'),
    })
    const listening = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => listening.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
    stopApp = () => closeServer(listening)
    client = httpClient(baseUrl)
  })
  afterAll(async () => {
    await stopApp?.()
    await context?.stop()
  })

  const signedIn = async (role: Role) => {
    const user = await createUser(payload, role)
    return client.login(user.email, user.password)
  }

  it('shows every collection API tab to HQ and admin only', () => {
    for (const collection of config.collections.filter((entity) => !entity.admin?.hidden)) {
      const condition = collection.admin?.components?.views?.edit?.api?.tab?.condition
      expect(condition, collection.slug).toBeTypeOf('function')
      const tabShown = (role: string) =>
        condition!({ req: { user: asUser(role) } } as Parameters<NonNullable<typeof condition>>[0])
      expect([tabShown('staff'), tabShown('manager'), tabShown('hq'), tabShown('admin')], collection.slug).toEqual([
        false,
        false,
        true,
        true,
      ])
    }
  })

  it('refuses the API view of a document to staff, managers and the signed-out, by address or by the admin own navigation', async () => {
    for (const token of [await signedIn('staff'), await signedIn('manager'), undefined]) {
      for (const view of [
        '/admin/collections/articles/7/api',
        '/admin/collections/repair-logs/7/api?_rsc=abc',
        '/admin/collections/articles/trash/7/api',
        '/admin/globals/settings/api/',
      ]) {
        const response = await client.request(view, { token, headers: { RSC: '1' } })
        expect(response.status, view).toBe(403)
        expect(await response.text()).toContain('本部と管理者だけ')
      }
    }
  })

  it('lets HQ and admin open the API view, and staff every other view of a document', async () => {
    for (const role of ['hq', 'admin'] as const) {
      expect(
        await (await client.request('/admin/collections/articles/7/api', { token: await signedIn(role) })).text(),
      ).toBe('rendered by Next.js')
    }
    const staff = await signedIn('staff')
    for (const view of [
      '/admin/collections/articles/7',
      '/admin/collections/articles/7/versions',
      '/admin/collections/api/7',
      '/admin/collections/articles/api',
    ]) {
      expect(await (await client.request(view, { token: staff })).text(), view).toBe('rendered by Next.js')
    }
  })

  it('names the chain mark as the favicon, an SVG file in Next.js static folder', () => {
    expect(config.admin.meta.icons).toEqual([{ rel: 'icon', type: 'image/svg+xml', url: '/favicon.svg' }])
    const svg = readFileSync(path.join(PROJECT_ROOT, 'public/favicon.svg'), 'utf8')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>\s*$/)
  })

  it('puts the chain name and mark on the sign-in page and the navigation, and hides take-over in every admin header', () => {
    expect(config.admin.components.graphics).toEqual({
      Logo: '/src/components/ChainMark#ChainLogo',
      Icon: '/src/components/ChainMark#ChainIcon',
    })
    expect(config.admin.components.header).toContain('/src/components/TakeOverForChainOnly#TakeOverForChainOnly')
  })

  it('gives the previewable collections the preview button labelled with its word', () => {
    for (const slug of ['articles', 'repair-logs']) {
      const collection = config.collections.find((entity) => entity.slug === slug)
      expect(collection?.admin?.components?.edit?.PreviewButton, slug).toBe(
        '/src/components/LabelledPreviewButton#LabelledPreviewButton',
      )
    }
  })

  it('says in Japanese where to write the body and how to add a block, in the editor of every body', () => {
    const editor = config.editor as unknown as {
      FieldComponent: { serverProps: { admin: { placeholder: { ja: string } } } }
    }
    expect(editor.FieldComponent.serverProps.admin.placeholder.ja).toBe('本文を入力（「/」でブロックを追加）')
  })
})
