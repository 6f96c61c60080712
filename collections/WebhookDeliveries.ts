import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/isAdmin'
import { label } from '../src/lib/i18n'

const readOnly = { readOnly: true }

/**
 * Webhook配信ログ: one row per attempt to deliver a webhook event (src/webhooks/deliver.ts writes it with
 * overrideAccess). Only an admin reads it, to see whether a frontend hears of changes; nobody writes it over the API.
 */
export const WebhookDeliveries: CollectionConfig = {
  slug: 'webhook-deliveries',
  labels: {
    singular: label('Webhook配信', 'Webhook delivery'),
    plural: label('Webhook配信ログ', 'Webhook deliveries'),
  },
  graphQL: { singularName: 'WebhookDelivery', pluralName: 'WebhookDeliveries' },
  admin: {
    useAsTitle: 'deliveryId',
    defaultColumns: ['createdAt', 'event', 'documentCollection', 'documentId', 'url', 'attempt', 'statusCode', 'error'],
    listSearchableFields: ['deliveryId', 'documentId', 'url'],
    group: label('管理', 'Administration'),
  },
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  defaultSort: '-createdAt',
  // Rows are never edited, so there is nothing to lock or copy.
  lockDocuments: false,
  disableDuplicate: true,
  fields: [
    {
      name: 'deliveryId',
      type: 'text',
      label: label('配信ID', 'Delivery ID'),
      required: true,
      index: true,
      admin: readOnly,
    },
    {
      name: 'event',
      type: 'select',
      label: label('イベント', 'Event'),
      options: [
        { value: 'publish', label: label('公開', 'Publish') },
        { value: 'unpublish', label: label('公開取り消し', 'Unpublish') },
        { value: 'delete', label: label('削除', 'Delete') },
      ],
      required: true,
      admin: readOnly,
    },
    {
      name: 'documentCollection',
      type: 'text',
      label: label('コレクション', 'Collection'),
      required: true,
      admin: readOnly,
    },
    // An ID, not a relationship: the document may be deleted, and the log keeps its row.
    {
      name: 'documentId',
      type: 'text',
      label: label('ドキュメントID', 'Document ID'),
      required: true,
      index: true,
      admin: readOnly,
    },
    { name: 'url', type: 'text', label: label('送信先URL', 'Receiver URL'), required: true, admin: readOnly },
    { name: 'attempt', type: 'number', label: label('試行回数', 'Attempt'), required: true, admin: readOnly },
    { name: 'statusCode', type: 'number', label: label('ステータスコード', 'Status code'), admin: readOnly },
    { name: 'error', type: 'text', label: label('エラー', 'Error'), admin: readOnly },
    { name: 'durationMs', type: 'number', label: label('所要時間（ミリ秒）', 'Duration (ms)'), admin: readOnly },
    {
      name: 'deliveredAt',
      type: 'date',
      label: label('配信日時', 'Delivered at'),
      admin: {
        ...readOnly,
        date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy/MM/dd HH:mm', timeFormat: 'HH:mm' },
      },
    },
  ],
}
