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
import { deviceField, deviceNotListedField, unlistedModelField } from '../../src/fields/unlistedDevice'
import { notePublicationStatus, recordDeletion, recordPublishing } from '../../src/hooks/auditPublishing'
import { deriveExcerpt } from '../../src/hooks/deriveExcerpt'
import { readWhatFieldsNeed } from '../../src/hooks/readWhatFieldsNeed'
import { rerenderBodiesOnPageChange } from '../../src/hooks/rerenderBodiesOnPageChange'
import { label } from '../../src/lib/i18n'
import { listIndexes } from '../../src/lib/listIndexes'
import { LABELLED_PREVIEW_BUTTON, previewPath } from '../../src/lib/previewPaths'
import { REPAIR_MENUS } from '../../src/lib/repairMenus'
import { draftsWithHistory } from '../../src/lib/versions'

const readComputedSources = readWhatFieldsNeed({
  ...RENDERED_BODY_SOURCES,
  sitePath: SITE_PATH_SOURCES.posts,
  authorProfile: AUTHOR_PROFILE_SOURCES,
})

/** 修理ブログ: short reports of a repair done in a store, written between customers. */
export const RepairLogs: CollectionConfig = {
  slug: 'repair-logs',
  labels: { singular: label('修理ブログ', 'Repair report'), plural: label('修理ブログ', 'Repair reports') },
  graphQL: { singularName: 'RepairLog', pluralName: 'RepairLogs' },
  admin: {
    useAsTitle: 'title',
    preview: (doc) => previewPath('repair-logs', String(doc.id)),
    components: { edit: { PreviewButton: LABELLED_PREVIEW_BUTTON } },
    defaultColumns: ['title', 'store', 'device', 'unlistedModel', 'repairMenu', 'publishedAt', '_status'],
    listSearchableFields: ['title', 'slug', 'excerpt'],
    group: label('コンテンツ', 'Content'),
  },
  access: storePostsAccess,
  // GET /api/{collection}/slug/{slug}: one document by its slug, as GET /:id gives it (src/endpoints/slugLookups.ts).
  endpoints: [findBySlugEndpoint],
  defaultSort: '-publishedAt',
  indexes: listIndexes({ order: 'publishedAt', filters: ['store', 'device', 'repairMenu'] }),
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
    publishedAtField(),
    storeField(),
    // Before author: its read takes the author's ID before the public's copy of the post loses it (author.ts).
    authorProfileField(),
    authorField(),
    slugField({ from: 'title', datedBy: 'publishedAt' }),
    sitePathField(),
    {
      type: 'row',
      fields: [
        deviceField,
        unlistedModelField,
        {
          name: 'repairMenu',
          type: 'select',
          label: label('修理メニュー', 'Repair menu'),
          options: REPAIR_MENUS,
          required: true,
          index: true,
        },
      ],
    },
    deviceNotListedField,
    { name: 'symptom', type: 'textarea', label: label('症状', 'Symptom'), maxLength: 1000 },
    { name: 'cause', type: 'textarea', label: label('原因', 'Cause'), maxLength: 1000 },
    richTextField({ name: 'body', label: label('本文', 'Body'), required: true }),
    ...renderedBodyFields(),
    {
      type: 'row',
      fields: [
        imageField('beforePhotos', label('修理前の写真', 'Before photos'), { hasMany: true, maxRows: 10 }),
        imageField('afterPhotos', label('修理後の写真', 'After photos'), { hasMany: true, maxRows: 10 }),
      ],
    },
    excerptField(),
  ],
}
