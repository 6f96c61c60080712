import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/isAdmin'
import { refuseDeletingAuditEntries, refuseRewritingAuditEntries } from '../src/hooks/auditLogIsAppendOnly'
import { label } from '../src/lib/i18n'

export const AUDIT_EVENTS = [
  { value: 'sign_in_success', label: label('ログイン成功', 'Sign-in') },
  { value: 'sign_in_failure', label: label('ログイン失敗', 'Failed sign-in') },
  { value: 'lock_out', label: label('アカウントロック', 'Locked out') },
  { value: 'throttled', label: label('試行制限', 'Throttled') },
  { value: 'password_change', label: label('パスワード変更', 'Password change') },
  { value: 'email_change', label: label('メールアドレス変更', 'Email change') },
  { value: 'second_factor_change', label: label('二段階認証の変更', 'Second factor change') },
  { value: 'sessions_ended', label: label('他の端末からログアウト', 'Other sessions ended') },
  { value: 'role_change', label: label('権限変更', 'Role change') },
  { value: 'stores_change', label: label('所属店舗変更', 'Stores change') },
  { value: 'publish', label: label('公開', 'Publish') },
  { value: 'unpublish', label: label('公開取り消し', 'Unpublish') },
  { value: 'delete', label: label('削除', 'Delete') },
  { value: 'delete_refused', label: label('削除の拒否', 'Delete refused') },
]

const readOnly = { readOnly: true }

/**
 * 監査ログ: append-only record of sign-ins, account changes and publishing (src/lib/audit.ts writes it).
 * Only the system writes, with overrideAccess from our hooks; only an admin reads; nobody edits or deletes. An entry
 * keeps its actor's e-mail and role as they were, and the account it points at cannot be deleted
 * (src/hooks/refuseDeletingReferenced.ts).
 */
export const AuditLog: CollectionConfig = {
  slug: 'audit-log',
  labels: { singular: label('監査ログ', 'Audit log entry'), plural: label('監査ログ', 'Audit log') },
  graphQL: { singularName: 'AuditLog', pluralName: 'AuditLogs' },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['createdAt', 'event', 'actorEmail', 'actorRole', 'subject', 'ip'],
    listSearchableFields: ['subject', 'actorEmail', 'ip'],
    group: label('管理', 'Administration'),
  },
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  hooks: { beforeChange: [refuseRewritingAuditEntries], beforeDelete: [refuseDeletingAuditEntries] },
  defaultSort: '-createdAt',
  // Entries are never edited, so there is nothing to lock or copy.
  lockDocuments: false,
  disableDuplicate: true,
  fields: [
    {
      name: 'event',
      type: 'select',
      label: label('イベント', 'Event'),
      options: AUDIT_EVENTS,
      required: true,
      index: true,
      admin: readOnly,
    },
    { name: 'actor', type: 'relationship', relationTo: 'users', label: label('実行者', 'Actor'), admin: readOnly },
    // The actor as they were at the time: a later change of address or role, or a renamed account, leaves the entry as it was.
    {
      name: 'actorEmail',
      type: 'text',
      label: label('実行者のメールアドレス（当時）', 'Actor e-mail (at the time)'),
      admin: readOnly,
    },
    {
      name: 'actorRole',
      type: 'text',
      label: label('実行者の権限（当時）', 'Actor role (at the time)'),
      admin: readOnly,
    },
    { name: 'subject', type: 'text', label: label('対象', 'Subject'), required: true, admin: readOnly },
    { name: 'ip', type: 'text', label: label('IPアドレス', 'IP address'), admin: readOnly },
    { name: 'userAgent', type: 'text', label: label('ユーザーエージェント', 'User agent'), admin: readOnly },
    { name: 'details', type: 'json', label: label('詳細', 'Details'), admin: readOnly },
  ],
}
