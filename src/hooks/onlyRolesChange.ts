import type { FieldHook } from 'payload'

import type { Bilingual } from '../lib/i18n'

import { forbidden } from '../lib/forbidden'
import { type Role, rightsOf } from '../lib/rights'

/**
 * A field only `roles` change: anyone else sending a different value is answered 403, on every API, instead of
 * having it dropped without a word by field access (which runs after this and keeps the field read-only in the
 * admin). The unchanged value passes, since the admin form sends every field back on save. Creating is the
 * collection's create rule's call.
 */
export const onlyRolesChange =
  (roles: Role[], refusal: Bilingual): FieldHook =>
  ({ value, previousValue, operation, req, overrideAccess }) => {
    const rights = rightsOf(req.user)
    if (overrideAccess || !rights || roles.includes(rights.role) || operation !== 'update' || value === previousValue)
      return value
    throw forbidden(req, refusal)
  }
