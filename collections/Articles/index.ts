import type { CollectionConfig } from 'payload'

import { storePostsAccess } from '../../src/access/storePosts'
import { findBySlugEndpoint } from '../../src/endpoints/slugLookups'
import { authorField } from '../../src/fields/author'
import { AUTHOR_PROFILE_SOURCES, authorProfileField } from '../../src/fields/authorProfile'
import { excerptField } from '../../src/fields/excerpt'
import { imageField } from '../../src/fields/media'
import { publishedAtField } from '../../src/fields/publishedAt'
import { RENDERED_BODY_SOURCES, renderBodyOnSave, renderedBodyFields } from '../../src/fields/renderedBody'
import { richTextField } from '../../src/fields/richText'
import { SITE_PATH_SOURCES, sitePathField } from '../../src/fields/sitePath'
import { slugField } from '../../src/fields/slug'
import { storeField } from '../../src/fields/store'
import { notePublicationStatus, recordDeletion, recordPublishing } from '../../src/hooks/auditPublishing'
import { deriveExcerpt } from '../../src/hooks/deriveExcerpt'
import { readWhatFieldsNeed } from '../../src/hooks/readWhatFieldsNeed'
import { rerenderBodiesOnPageChange } from '../../src/hooks/rerenderBodiesOnPageChange'
import { label } from '../../src/lib/i18n'
import { listIndexes } from '../../src/lib/listIndexes'
import { LABELLED_PREVIEW_BUTTON, previewPath } from '../../src/lib/previewPaths'
import { draftsWithHistory } from '../../src/lib/versions'

export const ARTICLE_CATEGORIES = [
  { value: 'iphone_tips', label: label('iPhoneお役立ち情報', 'iPhone tips') },
  { value: 'smartphone_tips', label: label('スマホお役立ち情報', 'Smartphone tips') },
  { value: 'news', label: label('お知らせ', 'News') },
]

const readComputedSources = readWhatFieldsNeed({
  ...RENDERED_BODY_SOURCES,
  sitePath: SITE_PATH_SOURCES.posts,
  authorProfile: AUTHOR_PROFILE_SOURCES,
})

/** お役立ち情報: longer articles a store publishes for its customers. */
export const Articles: CollectionConfig = {
  slug: 'articles',
  labels: { singular: label('お役立ち情報', 'Article'), plural: label('お役立ち情報', 'Articles') },
  graphQL: { singularName: 'Article', pluralName: 'Articles' },
  admin: {
    useAsTitle: 'title',
    preview: (doc) => previewPath('articles', String(doc.id)),
    components: { edit: { PreviewButton: LABELLED_PREVIEW_BUTTON } },
    defaultColumns: ['title', 'store', 'category', 'publishedAt', '_status'],
    listSearchableFields: ['title', 'slug', 'excerpt'],
    group: label('コンテンツ', 'Content'),
  },
  access: storePostsAccess,
  // GET /api/{collection}/slug/{slug}: one document by its slug, as GET /:id gives it (src/endpoints/slugLookups.ts).
  endpoints: [findBySlugEndpoint],
  defaultSort: '-publishedAt',
  indexes: listIndexes({ order: 'publishedAt', filters: ['store', 'category'] }),
  versions: draftsWithHistory,
  // Bodies linking to the post follow its site path; a trimmed select still reads what the computed fields need.
  hooks: {
    beforeOperation: [readComputedSources.beforeOperation],
    beforeChange: [deriveExcerpt, renderBodyOnSave, notePublicationStatus],
    afterChange: [recordPublishing, rerenderBodiesOnPageChange],
    afterDelete: [recordDeletion],
    afterOperation: [readComputedSources.afterOperation],
  },
  fields: [
    { name: 'title', type: 'text', label: label('タイトル', 'Title'), required: true, maxLength: 200 },
    {
      name: 'category',
      type: 'select',
      label: label('カテゴリー', 'Category'),
      options: ARTICLE_CATEGORIES,
      defaultValue: 'iphone_tips',
      required: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    publishedAtField(),
    storeField(),
    // Before author: its read takes the author's ID before the public's copy of the post loses it (author.ts).
    authorProfileField(),
    authorField(),
    slugField({ from: 'title', datedBy: 'publishedAt' }),
    sitePathField(),
    imageField('heroImage', label('メイン画像', 'Hero image')),
    richTextField({ name: 'body', label: label('本文', 'Body'), required: true }),
    ...renderedBodyFields(),
    excerptField(),
    {
      name: 'seo',
      type: 'group',
      label: label('SEO', 'SEO'),
      fields: [
        { name: 'title', type: 'text', label: label('SEOタイトル', 'SEO title'), maxLength: 70 },
        {
          name: 'description',
          type: 'textarea',
          label: label('メタディスクリプション', 'Meta description'),
          maxLength: 160,
        },
      ],
    },
  ],
}
