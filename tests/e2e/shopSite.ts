import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { PROJECT_ROOT } from '../../src/lib/paths'
import { freePort } from '../helpers/instance'

export const SHOP_SITE_DIR = path.join(PROJECT_ROOT, 'examples/shop-site')

/** Builds the reference site as its README says (npm ci when it has no dependencies yet, then npm run build). */
export const buildShopSite = () => {
  const npm = (...args: string[]) => execFileSync('npm', args, { cwd: SHOP_SITE_DIR, stdio: 'inherit' })
  if (!existsSync(path.join(SHOP_SITE_DIR, 'node_modules/typescript'))) npm('ci', '--no-audit', '--no-fund')
  npm('run', 'build')
}

export type ShopSite = { baseUrl: string; api: 'graphql' | 'rest'; output: () => string; stop: () => Promise<void> }

/** The built site on a free port, reading the CMS at `cmsUrl` over one API. */
export const startShopSite = async (cmsUrl: string, api: 'graphql' | 'rest'): Promise<ShopSite> => {
  const port = await freePort()
  let output = ''
  const site: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
    cwd: SHOP_SITE_DIR,
    env: { ...process.env, CMS_URL: cmsUrl, CMS_API: api, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  site.stdout!.on('data', (chunk) => (output += chunk))
  site.stderr!.on('data', (chunk) => (output += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (!output.includes('shop site on')) {
    if (site.exitCode !== null || Date.now() > deadline)
      throw new Error(`the shop site did not start (${api}):\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    baseUrl,
    api,
    output: () => output,
    stop: async () => {
      site.kill('SIGTERM')
      if (site.exitCode === null) await new Promise((resolve) => site.once('exit', resolve))
    },
  }
}

/** Text as the line check compares it: without any whitespace (the page wraps and spaces as its layout needs). */
export const withoutSpace = (text: string) => text.replace(/\s+/g, '')

/**
 * The source page's lines that are content: every non-empty line, list bullets dropped. Only one is left out: `saga`,
 * a lone word where the original page shows a picture beside the store's hours (its alternative text); the source
 * holds no picture to show, and no text of the store reads so.
 */
export const sourceContentLines = (page: string) =>
  page
    .split('\n')
    .map((line) => line.trim().replace(/^•\s*/, ''))
    .filter((line) => line !== '' && line !== 'saga')
