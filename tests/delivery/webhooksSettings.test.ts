import { describe, expect, it } from 'vitest'

import { deploymentProblems, webhookProblems } from '../../src/lib/deployment'
import { parseEnvironment } from '../../src/lib/env'
import { webhookSettings } from '../../src/webhooks/settings'

const SECRET = 'x'.repeat(32)
const DEPLOYMENT = { PAYLOAD_SECRET: 'y'.repeat(32), SERVER_URL: 'https://cms.example.jp', SMTP_URL: 'smtp://mail' }

describe('webhook settings', () => {
  it('no WEBHOOK_URLS: no receivers, and no secret needed', () => {
    expect(webhookProblems(parseEnvironment({}))).toEqual([])
    expect(webhookSettings(parseEnvironment({})).urls).toEqual([])
  })

  it('comma-separated http and https URLs, trimmed', () => {
    const settings = webhookSettings(
      parseEnvironment({
        WEBHOOK_URLS: ' https://shop.example.jp/api/revalidate , http://10.0.0.5:3000/hook,',
        WEBHOOK_SECRET: SECRET,
      }),
    )
    expect(settings.urls).toEqual(['https://shop.example.jp/api/revalidate', 'http://10.0.0.5:3000/hook'])
    expect(settings.secret).toBe(SECRET)
  })

  it.each(['ftp://shop.example.jp/hook', 'shop.example.jp/hook', 'javascript:alert(1)'])(
    'refuses to start with %s in WEBHOOK_URLS, naming it',
    (url) => {
      expect(() =>
        webhookSettings(parseEnvironment({ WEBHOOK_URLS: `https://ok.example.jp,${url}`, WEBHOOK_SECRET: SECRET })),
      ).toThrow(`WEBHOOK_URLS lists "${url}"`)
    },
  )

  it('refuses to start with receivers but no WEBHOOK_SECRET, or a short one', () => {
    expect(() => webhookSettings(parseEnvironment({ WEBHOOK_URLS: 'https://shop.example.jp/hook' }))).toThrow(
      /WEBHOOK_SECRET is not set/,
    )
    expect(() =>
      webhookSettings(parseEnvironment({ WEBHOOK_URLS: 'https://shop.example.jp/hook', WEBHOOK_SECRET: 'short' })),
    ).toThrow(/WEBHOOK_SECRET is shorter than 32/)
  })

  it('a deployment lists the missing WEBHOOK_SECRET among its problems', () => {
    expect(
      deploymentProblems(parseEnvironment({ ...DEPLOYMENT, WEBHOOK_URLS: 'https://shop.example.jp/hook' })),
    ).toEqual([expect.stringMatching(/^WEBHOOK_SECRET is not set/)])
    expect(
      deploymentProblems(
        parseEnvironment({ ...DEPLOYMENT, WEBHOOK_URLS: 'https://shop.example.jp/hook', WEBHOOK_SECRET: SECRET }),
      ),
    ).toEqual([])
  })
})
