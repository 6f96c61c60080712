import type { TextField } from 'payload'

import { label } from '../lib/i18n'
import { isJapanesePhone, normalizeJapanesePhone } from '../lib/phone'
import { textRule } from './validated'
import { withOverrides } from './withOverrides'

/** A Japanese phone number, stored in the national format with hyphens (0952-30-2255). */
export const phoneField = (overrides: Partial<TextField> = {}): TextField =>
  withOverrides<TextField>(
    {
      name: 'phone',
      type: 'text',
      label: label('電話番号', 'Phone'),
      admin: { placeholder: '0952-30-2255' },
      hooks: {
        beforeValidate: [({ value }) => (typeof value === 'string' ? normalizeJapanesePhone(value) : value)],
      },
      validate: textRule(isJapanesePhone, {
        ja: '電話番号は日本の番号を「0952-30-2255」のように入力してください。',
        en: 'Phone must be a Japanese number, like 0952-30-2255.',
      }),
    },
    overrides,
  )
