import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sourceArticleParagraphs, SOURCE_PAGE } from '../helpers/sourcePage'
import { pngImage, uploadForm } from '../helpers/images'
import { ARTIFACTS_DIR, type RunningApp, startApp } from './app'
import {
  buildShopSite,
  SHOP_SITE_DIR,
  type ShopSite,
  sourceContentLines,
  startShopSite,
  withoutSpace,
} from './shopSite'

let app: RunningApp
const sites: Record<'graphql' | 'rest', ShopSite> = {} as never
const ARTICLE_PATH = '/stores/saga/articles/2019-07-18-7pay'
const REPORT_SLUG = 'e2e-iphone-12-battery'
const APIS = ['rest', 'graphql'] as const

/** What each page of the site cost the CMS, per API, as the site's response headers say: docs/api.md quotes it. */
const costs: Record<string, Record<string, { requests: number; bytesFetched: number; bytesUsed: number }>> = {
  rest: {},
  graphql: {},
}

beforeAll(async () => {
  // Built first: npm ci and tsc block this process, and a CMS connection left idle meanwhile is closed under it.
  buildShopSite()
  app = await startApp()
  // A report with before and after photos, so the site shows pictures from the CMS as a shop's would.
  const token = await app.login(app.admin.email, app.admin.password)
  const upload = async (alt: string) => {
    const response = await app.api('/api/media', {
      method: 'POST',
      token,
      body: uploadForm(await pngImage(800, 600), 'repair.png', 'image/png', { alt }),
    })
    expect(response.status).toBe(201)
    return (await response.json()).doc.id as string
  }
  const {
    docs: [saga],
  } = await (await app.api('/api/stores?where[slug][equals]=saga&depth=0')).json()
  const {
    docs: [iphone12],
  } = await (await app.api('/api/devices?where[slug][equals]=iphone-12&depth=0')).json()
  const report = await app.api('/api/repair-logs', {
    method: 'POST',
    token,
    json: {
      title: 'バッテリーが1日もたなくなったiPhone 12のバッテリー交換',
      slug: REPORT_SLUG,
      store: saga.id,
      device: iphone12.id,
      repairMenu: 'battery',
      symptom: '充電してもすぐに残量が減る',
      body: {
        root: {
          type: 'root',
          version: 1,
          direction: 'ltr',
          format: '',
          indent: 0,
          children: [
            {
              type: 'paragraph',
              version: 1,
              direction: 'ltr',
              format: '',
              indent: 0,
              textFormat: 0,
              textStyle: '',
              children: [
                {
                  type: 'text',
                  version: 1,
                  text: '本日はiPhone 12のバッテリー交換をご紹介します。',
                  format: 0,
                  style: '',
                  mode: 'normal',
                  detail: 0,
                },
              ],
            },
          ],
        },
      },
      beforePhotos: [await upload('交換前のバッテリー')],
      afterPhotos: [await upload('交換後のiPhone 12')],
      publishedAt: new Date().toISOString(),
      _status: 'published',
    },
  })
  expect(report.status).toBe(201)
  for (const api of APIS) sites[api] = await startShopSite(app.baseUrl, api)
})
afterAll(async () => {
  for (const site of Object.values(sites)) await site?.stop()
  writeFileSync(path.join(ARTIFACTS_DIR, 'shop-site-costs.json'), `${JSON.stringify(costs, null, 2)}\n`)
  await app?.stop()
})

/** Opens a page of the site in Chromium and keeps what it cost the CMS. */
const open = async (api: 'graphql' | 'rest', pathname: string, viewport = { width: 1280, height: 900 }) => {
  const page = await app.newPage({ viewport })
  const response = await page.goto(`${sites[api].baseUrl}${pathname}`)
  const headers = response!.headers()
  costs[api]![pathname] = {
    requests: Number(headers['x-cms-requests']),
    bytesFetched: Number(headers['x-cms-bytes-fetched']),
    bytesUsed: Number(headers['x-cms-bytes-used']),
  }
  return {
    page,
    status: response!.status(),
    lines: (await page.locator('body').innerText()).split('\n').map(withoutSpace),
  }
}

/** The source lines no line of the page holds: each must stand within one line, never pieced together across two. */
const missing = (pageLines: string[], lines: string[]) =>
  lines.filter((line) => !pageLines.some((pageLine) => pageLine.includes(withoutSpace(line))))

describe('the reference shop site, built from the public API alone', () => {
  for (const api of APIS) {
    it(`shows every line of the source page on the Saga store's page of the 7pay article (${api})`, async () => {
      const { page, status, lines } = await open(api, ARTICLE_PATH)
      expect(status).toBe(200)
      expect(missing(lines, sourceContentLines(SOURCE_PAGE))).toEqual([])
      if (api === 'rest')
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shop-site-article.png'), fullPage: true })
      await page.close()
    })

    it(`shows every line of the source page but the article's own on the Saga store's page (${api})`, async () => {
      const { page, status, lines } = await open(api, '/stores/saga/')
      expect(status).toBe(200)
      const article = new Set(sourceArticleParagraphs().flatMap((paragraph) => paragraph.split('\n')))
      const pageTitle =
        'セブン-イレブンで利用可能なコード決済「7pay」 iPhone修理 佐賀なら佐賀駅近のスマホスピタル佐賀駅前にお任せ!'
      expect(
        missing(
          lines,
          sourceContentLines(SOURCE_PAGE).filter((line) => !article.has(line) && line !== pageTitle),
        ),
      ).toEqual([])
      if (api === 'rest')
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shop-site-store.png'), fullPage: true })
      await page.close()
    })

    it(`shows a repair report with its photos, absolute addresses of the CMS that load (${api})`, async () => {
      const { page, status, lines } = await open(api, `/stores/saga/repairs/${REPORT_SLUG}`)
      expect(status).toBe(200)
      expect(lines).toContain(withoutSpace('バッテリー交換・iPhone 12'))
      const images = await page.locator('article img').evaluateAll((nodes) =>
        nodes.map((node) => ({
          src: (node as HTMLImageElement).src,
          width: (node as HTMLImageElement).naturalWidth,
          alt: (node as HTMLImageElement).alt,
        })),
      )
      expect(images.map(({ alt }) => alt)).toEqual(['交換前のバッテリー', '交換後のiPhone 12'])
      for (const image of images) {
        expect(image.src.startsWith(`${app.baseUrl}/`)).toBe(true)
        expect(image.width).toBeGreaterThan(0)
      }
      if (api === 'rest')
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shop-site-repair-report.png'), fullPage: true })
      await page.close()
    })

    it(`shows the price list with the CMS's labels, never its codes (${api})`, async () => {
      const { page, status, lines } = await open(api, '/stores/saga/prices')
      expect(status).toBe(200)
      const text = lines.join('\n')
      expect(text).toContain('画面交換')
      expect(text).toMatch(/Apple|アップル/)
      expect(text).not.toMatch(/\bscreen\b|\bbattery\b|\bapple\b/)
      if (api === 'rest')
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shop-site-prices.png'), fullPage: true })
      await page.close()
    })

    it(`answers 404 for a store or a post the CMS does not have, as the CMS does (${api})`, async () => {
      for (const pathname of [
        '/stores/nowhere/',
        '/stores/saga/articles/no-such-article',
        '/stores/demo/articles/2019-07-18-7pay',
        '/stores/saga/repairs/no-such-report',
      ]) {
        const { page, status } = await open(api, pathname)
        expect(status, pathname).toBe(404)
        await page.close()
      }
    })

    it(`makes ${api === 'graphql' ? 'one request' : 'at most seven requests, one per list,'} for a page, and uses what it fetched (${api})`, async () => {
      for (const pathname of [
        '/',
        '/stores/saga/',
        ARTICLE_PATH,
        `/stores/saga/repairs/${REPORT_SLUG}`,
        '/stores/saga/prices',
      ]) {
        const { page } = await open(api, pathname)
        await page.close()
        const cost = costs[api]![pathname]!
        if (api === 'graphql') expect(cost.requests, pathname).toBe(1)
        else expect(cost.requests, pathname).toBeLessThanOrEqual(7)
        expect(cost.bytesUsed, pathname).toBeGreaterThan(0)
        expect(cost.bytesUsed, pathname).toBeLessThanOrEqual(cost.bytesFetched)
      }
    })
  }

  it('reads the same page from REST and from GraphQL', async () => {
    for (const pathname of [
      '/stores/saga/',
      ARTICLE_PATH,
      `/stores/saga/repairs/${REPORT_SLUG}`,
      '/stores/saga/prices',
    ]) {
      const [rest, graphql] = await Promise.all(
        APIS.map((api) => fetch(`${sites[api].baseUrl}${pathname}`).then((response) => response.text())),
      )
      expect(graphql, pathname).toBe(rest)
    }
  })

  it('fits a phone: no page is wider than the window', async () => {
    for (const pathname of ['/stores/saga/', ARTICLE_PATH, '/stores/saga/prices']) {
      const { page } = await open('rest', pathname, { width: 390, height: 844 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth), pathname).toBeLessThanOrEqual(390)
      if (pathname === '/stores/saga/')
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shop-site-store-phone.png'), fullPage: true })
      await page.close()
    }
  })

  it('holds no content of its own: no line of the source page is written in its code', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name)
        return statSync(file).isDirectory() ? files(file) : [file]
      })
    const code = [...files(path.join(SHOP_SITE_DIR, 'src')), ...files(path.join(SHOP_SITE_DIR, 'public'))]
      .map((file) => withoutSpace(readFileSync(file, 'utf8')))
      .join('\n')
    // The site's own words: the headings of the store's details, as any shop site has them.
    const templateWords = new Set(['一覧に戻る'])
    expect(
      sourceContentLines(SOURCE_PAGE).filter((line) => !templateWords.has(line) && code.includes(withoutSpace(line))),
    ).toEqual([])
  })
})
