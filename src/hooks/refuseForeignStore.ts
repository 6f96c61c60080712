import type { FieldHook } from 'payload'

import { forbidden } from '../lib/forbidden'
import { relationId } from '../lib/relations'
import { isStoreBound, rightsOf } from '../lib/rights'

/**
 * On a `store` field: staff and managers write for their own stores only. A new document for another store,
 * a move to another store, or a row without a store (a chain-wide price) is refused with 403 rather than
 * silently changed. HQ and admin name any store, or none.
 */
export const refuseForeignStore: FieldHook = ({ value, req, overrideAccess }) => {
  const rights = rightsOf(req.user)
  if (overrideAccess || !rights || !isStoreBound(rights)) return value
  const storeId = relationId(value)
  if (storeId === null) {
    throw forbidden(req, {
      ja: '自分の店舗を指定してください。全店共通のデータは本部だけが扱えます。',
      en: 'Choose one of your stores: chain-wide data is for HQ only.',
    })
  }
  if (!rights.storeIds.includes(storeId)) {
    throw forbidden(req, {
      ja: '自分の所属店舗以外は指定できません。',
      en: 'You can only choose a store you belong to.',
    })
  }
  return value
}
