import type { Payload } from 'payload'

import escapeHtml from 'escape-html'
import { Router } from 'express'

import type { RichText } from '../lib/lexicalText'

import { jstDay } from '../lib/jst'
import { PREVIEWABLE } from '../lib/previewPaths'
import { REPAIR_MENUS } from '../lib/repairMenus'
import { richTextToHtml } from '../lib/richText/html'
import { richTextProblem } from '../lib/richText/vocabulary'
import { SCRIPT_FREE_POLICY } from './securityHeaders'

type Media = { url?: string; alt?: string; sizes?: { card?: { url?: string | null } } }
type Post = {
  title: string
  publishedAt?: string
  body?: RichText
  store?: { name?: string }
  device?: { model?: string }
  repairMenu?: string
  symptom?: string
  cause?: string
  beforePhotos?: Media[]
  afterPhotos?: Media[]
  heroImage?: Media
  _status?: string
}

const photos = (list: Media[] | undefined) =>
  (list ?? [])
    .filter((photo) => photo?.url)
    .map(
      (photo) =>
        `<img src="${escapeHtml(photo.sizes?.card?.url ?? photo.url ?? '')}" alt="${escapeHtml(photo.alt ?? '')}">`,
    )
    .join('')

/**
 * The body through our own converters; a body stored before bodies were checked, holding what the editor
 * cannot make, is not shown at all: the page says so, in both languages, and names the problem.
 */
const body = (post: Post) => {
  const problem = richTextProblem(post.body)
  if (problem)
    return `<p class="refused">本文を表示できません: ${escapeHtml(problem.ja)}<br>The body cannot be shown: ${escapeHtml(problem.en)}</p>`
  return richTextToHtml(post.body)
}

const page = (post: Post) => {
  const menu = REPAIR_MENUS.find((option) => option.value === post.repairMenu)?.label.ja
  const facts = [post.device?.model, menu]
    .filter(Boolean)
    .map((fact) => escapeHtml(String(fact)))
    .join(' · ')
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(post.title)}（プレビュー）</title>
<style>
body{font-family:"Noto Sans CJK JP","Hiragino Sans",sans-serif;line-height:1.9;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
.draft,.refused{background:#fff4cc;padding:.4rem .8rem;border-radius:4px;font-size:.9rem}
.meta{color:#666;font-size:.9rem}img{max-width:100%;height:auto;margin:.5rem 0;display:block}
dt{font-weight:bold}dd{margin:0 0 .8rem}
</style></head><body>
${post._status === 'published' ? '' : '<p class="draft">下書きのプレビューです（公開されていません）。</p>'}
<h1>${escapeHtml(post.title)}</h1>
<p class="meta">[${escapeHtml(post.publishedAt ? jstDay(post.publishedAt).replaceAll('-', '.') : '')}] ${escapeHtml(post.store?.name ?? '')}</p>
${facts ? `<p class="meta">${facts}</p>` : ''}
${photos(post.heroImage ? [post.heroImage] : [])}
${post.symptom ? `<dl><dt>症状</dt><dd>${escapeHtml(post.symptom)}</dd>${post.cause ? `<dt>原因</dt><dd>${escapeHtml(post.cause)}</dd>` : ''}</dl>` : ''}
${photos(post.beforePhotos)}
<article>${body(post)}</article>
${photos(post.afterPhotos)}
</body></html>`
}

/**
 * GET /preview/:collection/:id — how a post reads, drafts included, for the signed-in user who may read it
 * (the admin's session cookie); the public sees published posts only, as over the API. The page carries no
 * script and its policy allows none.
 */
export const previewPageRoutes = (payload: Payload): Router => {
  const router = Router()
  router.get('/preview/:collection/:id', async (req, res) => {
    const collection = PREVIEWABLE.find((slug) => slug === req.params.collection)
    if (!collection) {
      res.status(404).send('Not found')
      return
    }
    const { user } = await payload.auth({ headers: new Headers(req.headers as Record<string, string>) })
    try {
      const post = (await payload.findByID({
        collection,
        id: req.params.id,
        draft: true,
        depth: 1,
        overrideAccess: false,
        user,
      })) as unknown as Post
      res
        .set({ 'Cache-Control': 'private, no-store', 'Content-Security-Policy': SCRIPT_FREE_POLICY })
        .type('html')
        .send(page(post))
    } catch {
      res.status(404).type('html').send('<!doctype html><p lang="ja">見つかりません / Not found</p>')
    }
  })
  return router
}
