import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { forbidden } from '../lib/forbidden'

/*
 * Access already refuses every update and delete, but Payload lets a Local API call with overrideAccess past
 * access rules. These hooks run on every path, so not even our own code can rewrite history.
 */

export const refuseRewritingAuditEntries: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create')
    throw forbidden(req, { ja: '監査ログは変更できません。', en: 'Audit log entries cannot be changed.' })
  return data
}

export const refuseDeletingAuditEntries: CollectionBeforeDeleteHook = ({ req }) => {
  throw forbidden(req, { ja: '監査ログは削除できません。', en: 'Audit log entries cannot be deleted.' })
}
