import type { TextField } from 'payload'

import { label } from '../lib/i18n'
import { normalizePostalCode } from '../lib/normalize'
import { textRule } from './validated'
import { withOverrides } from './withOverrides'

/** Japanese postal code, stored as NNN-NNNN whatever width or hyphen the user typed. */
export const postalCodeField = (overrides: Partial<TextField> = {}): TextField =>
  withOverrides<TextField>(
    {
      name: 'postalCode',
      type: 'text',
      label: label('郵便番号', 'Postal code'),
      admin: { placeholder: '840-0801' },
      hooks: {
        beforeValidate: [({ value }) => (typeof value === 'string' ? normalizePostalCode(value) : value)],
      },
      validate: textRule((value) => /^\d{3}-\d{4}$/.test(value), {
        ja: '郵便番号は「840-0801」のように7桁で入力してください。',
        en: 'Postal code must be seven digits, like 840-0801.',
      }),
    },
    overrides,
  )
