import type { ServerProps } from 'payload'

import { Button } from '@payloadcms/ui/elements/Button'

import { startsOnChainOverview } from '../lib/chainOverview'
import { type Bilingual, label, languageOf } from '../lib/i18n'
import { jstDay } from '../lib/jst'
import { relationIds } from '../lib/relations'
import './StoreDashboard.scss'

const POSTS = ['repair-logs', 'articles'] as const
type PostCollection = (typeof POSTS)[number]

const TEXT = {
  heading: label('お店の投稿', 'Your store'),
  storeHeading: (names: string[]) =>
    label(`${names.map((name) => `「${name}」`).join('')}の投稿`, `Posts of ${names.join(', ')}`),
  newRepairLog: label('＋ 修理ブログを書く', '+ New repair report'),
  newArticle: label('＋ お役立ち情報を書く', '+ New article'),
  drafts: label('下書き', 'Drafts'),
  latest: label('最近公開した投稿', 'Latest published'),
  none: label('まだありません', 'None yet'),
  kinds: { 'repair-logs': label('修理ブログ', 'Repair report'), articles: label('お役立ち情報', 'Article') },
}

type Post = { id: string; title: string; updatedAt: string; publishedAt?: string; collection: PostCollection }

/** The heading names the user's own stores (「渋谷店」の投稿), read with their access; a user of no store gets the general one. */
export const storeHeading = async ({ payload, user }: Pick<ServerProps, 'payload' | 'user'>): Promise<Bilingual> => {
  const ids = relationIds(user?.stores)
  if (ids.length === 0) return TEXT.heading
  const { docs } = await payload.find({
    collection: 'stores',
    where: { id: { in: ids } },
    sort: 'name',
    limit: ids.length,
    depth: 0,
    overrideAccess: false,
    user,
    select: { name: true },
  })
  return docs.length === 0 ? TEXT.heading : TEXT.storeHeading(docs.map((store) => store.name))
}

/**
 * What a staff member needs first: one click to a new repair report or article (store and date are
 * filled by the fields' defaults), their store's drafts and latest posts. Queries run with the user's
 * own access, so each role sees exactly the posts it may touch.
 */
export const StoreDashboard = async ({ payload, user, i18n }: ServerProps) => {
  // HQ and admin start on the chain view (HqDashboard) instead.
  if (!user || startsOnChainOverview(user)) return null
  const t = (text: Bilingual) => text[languageOf(i18n.language)]
  const adminRoute = payload.config.routes.admin

  const postsWithStatus = async (status: 'draft' | 'published'): Promise<Post[]> => {
    const results = await Promise.all(
      POSTS.map(async (collection) => {
        const { docs } = await payload.find({
          collection,
          where: { _status: { equals: status } },
          sort: status === 'draft' ? '-updatedAt' : '-publishedAt',
          limit: 5,
          depth: 0,
          draft: status === 'draft',
          overrideAccess: false,
          user,
          select: { title: true, updatedAt: true, publishedAt: true },
        })
        return docs.map((doc) => ({ ...(doc as Omit<Post, 'collection'>), collection }))
      }),
    )
    const sortKey = (post: Post) => (status === 'draft' ? post.updatedAt : (post.publishedAt ?? post.updatedAt))
    return results
      .flat()
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)))
      .slice(0, 6)
  }
  const [heading, drafts, latest] = await Promise.all([
    storeHeading({ payload, user }),
    postsWithStatus('draft'),
    postsWithStatus('published'),
  ])

  const list = (posts: Post[]) =>
    posts.length === 0 ? (
      <p className="store-dashboard__empty">{t(TEXT.none)}</p>
    ) : (
      <ul className="store-dashboard__list">
        {posts.map((post) => (
          <li key={`${post.collection}-${post.id}`}>
            <a href={`${adminRoute}/collections/${post.collection}/${post.id}`}>{post.title}</a>
            <span className="store-dashboard__meta">
              {t(TEXT.kinds[post.collection])} · {jstDay(post.publishedAt ?? post.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
    )

  return (
    <section className="store-dashboard" aria-label={t(heading)}>
      <h2>{t(heading)}</h2>
      <div className="store-dashboard__actions">
        <Button buttonStyle="primary" size="large" el="anchor" url={`${adminRoute}/collections/repair-logs/create`}>
          {t(TEXT.newRepairLog)}
        </Button>
        <Button buttonStyle="secondary" size="large" el="anchor" url={`${adminRoute}/collections/articles/create`}>
          {t(TEXT.newArticle)}
        </Button>
      </div>
      <div className="store-dashboard__columns">
        <div data-testid="dashboard-drafts">
          <h3>{t(TEXT.drafts)}</h3>
          {list(drafts)}
        </div>
        <div data-testid="dashboard-latest">
          <h3>{t(TEXT.latest)}</h3>
          {list(latest)}
        </div>
      </div>
    </section>
  )
}
