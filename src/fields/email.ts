import type { EmailField, PayloadRequest } from 'payload'

import { email } from 'payload/shared'

import { inRequestLanguage, label } from '../lib/i18n'
import { withOverrides } from './withOverrides'

/** The longest address mail carries: RFC 5321's 256-octet path less its angle brackets. */
const MAX_EMAIL_LENGTH = 254

const NOT_AN_EMAIL = { ja: 'メールアドレスの形式が正しくありません。', en: 'Email address is not valid.' }
const TOO_LONG = {
  ja: `メールアドレスは${MAX_EMAIL_LENGTH}文字以内で入力してください。`,
  en: `Email address must be at most ${MAX_EMAIL_LENGTH} characters.`,
}

type EmailValidateOptions = Parameters<typeof email>[1]

/**
 * A contact e-mail address as Payload's `email` field: an e-mail input in the admin and GraphQL's EmailAddress type,
 * checked by Payload's own rule (the one that type's values must meet), answered in our words, and no longer than
 * mail carries.
 */
export const emailField = (overrides: Partial<EmailField> = {}): EmailField =>
  withOverrides<EmailField>(
    {
      name: 'email',
      type: 'email',
      label: label('メールアドレス', 'Email'),
      validate: async (value: null | string | undefined, options: EmailValidateOptions): Promise<string | true> => {
        if (value === null || value === undefined || value === '') return email(value, options)
        const req = options.req as PayloadRequest
        if (value.length > MAX_EMAIL_LENGTH) return inRequestLanguage(TOO_LONG, req)
        return email(value, options) === true ? true : inRequestLanguage(NOT_AN_EMAIL, req)
      },
    },
    overrides,
  )
