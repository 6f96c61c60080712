import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

import { PROJECT_ROOT } from '../../src/lib/paths'
import { type ApiRequest, httpClient } from '../helpers/http'
import { freePort } from '../helpers/instance'

/** Screenshots of the key screens land here (kept by CI as test artifacts). */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'tests/artifacts')

/** The flags this machine needs: no sandbox as root, and no calls home that the closed network refuses. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export type RunningApp = {
  baseUrl: string
  admin: { email: string; password: string }
  browser: Browser
  newPage: (device?: BrowserContextOptions) => Promise<Page>
  api: ApiRequest
  login: (email: string, password: string) => Promise<string>
  stop: () => Promise<void>
}

/**
 * The CMS as a user starts it (`npm start`: production build, migrated, seeded) on a fresh data folder and a
 * free port, plus a headless Debian Chromium. Like `npm start`, the server first builds the admin when its
 * build is missing or older than the code (about a minute, more on a busy machine).
 */
export const startApp = async (): Promise<RunningApp> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-e2e-'))
  const port = await freePort()
  const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
  const server: ChildProcess = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOCAL_DEFAULTS: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SEED_ADMIN_EMAIL: admin.email,
      SEED_ADMIN_PASSWORD: admin.password,
      JOBS_AUTORUN: 'true',
      JOBS_AUTORUN_CRON: '*/2 * * * * *',
      API_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the CMS exited with code ${server.exitCode} while starting`)
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 300))
  }

  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })

  const { request: api, login } = httpClient(baseUrl)

  return {
    baseUrl,
    admin,
    browser,
    // A shop PC: Japanese locale and time zone, a laptop-sized window, unless the test names another device.
    newPage: (device = {}) =>
      browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 900 }, ...device }),
    api,
    login,
    stop: async () => {
      await browser.close()
      server.kill('SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs in through the admin's own login form. */
export const signIn = async (page: Page, baseUrl: string, email: string, password: string) => {
  await page.goto(`${baseUrl}/admin/login`)
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?(second-factor.*)?$/)
}

/**
 * Waits until React has taken over `selector` (its props are on the element): before that a click or a key reaches
 * server-rendered HTML that no handler listens to yet, and is lost.
 */
export const hydrated = (page: Page, selector: string) =>
  page.waitForFunction(
    (target) => {
      const element = document.querySelector(target)
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactProps'))
    },
    selector,
    { timeout: 60_000 },
  )
