import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import type { User } from '../../../src/payload-types'

import { inRequestLanguage, label } from '../../../src/lib/i18n'
import { FRONTEND_ROLE } from '../../../src/lib/rights'

const FRONTENDS_ONLY = label(
  'API キーを使えるのはフロントエンドのアカウントだけです。',
  'Only a frontend account can have an API key.',
)

/**
 * users beforeValidate: an API key only on an account of the frontend role. Staff sign in; a key on their account
 * would be a second credential nobody watches (and the rate limit exempts frontends' keys only).
 */
export const keysForFrontendsOnly: CollectionBeforeValidateHook<User> = ({ data, originalDoc, req, collection }) => {
  const role = data?.role ?? originalDoc?.role
  const keyEnabled = data?.enableAPIKey ?? originalDoc?.enableAPIKey
  if (keyEnabled === true && role !== FRONTEND_ROLE) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: [{ path: 'enableAPIKey', message: inRequestLanguage(FRONTENDS_ONLY, req) }],
      },
      req.t,
    )
  }
  return data
}
