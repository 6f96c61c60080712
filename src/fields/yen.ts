import type { NumberField } from 'payload'

import { type Bilingual, label } from '../lib/i18n'
import { wholeNumberRule } from './validated'
import { withOverrides } from './withOverrides'

/** Upper bound that catches a slipped finger (an extra 0 or two) on a repair price. */
const MAX_YEN = 10_000_000

/** An amount in whole yen, 0 or more, tax included. */
export const yenField = (
  name: string,
  fieldLabel: Bilingual = label('金額（税込・円）', 'Amount (yen, tax incl.)'),
  overrides: Partial<NumberField> = {},
): NumberField =>
  withOverrides<NumberField>(
    {
      name,
      type: 'number',
      label: fieldLabel,
      min: 0,
      max: MAX_YEN,
      validate: wholeNumberRule({
        ja: '金額は1円単位の整数で入力してください。',
        en: 'Amount must be a whole number of yen.',
      }),
    },
    overrides,
  )
