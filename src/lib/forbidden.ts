import { Forbidden, type PayloadRequest } from 'payload'

import { type Bilingual, inRequestLanguage } from './i18n'

/** Payload's 403 (REST status, GraphQL extensions.statusCode), saying what was refused in the request's language. */
export const forbidden = (req: PayloadRequest, message: Bilingual): Forbidden => {
  const error = new Forbidden(req.t)
  error.message = inRequestLanguage(message, req)
  return error
}
