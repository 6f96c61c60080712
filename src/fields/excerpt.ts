import type { TextareaField } from 'payload'

import { label } from '../lib/i18n'

/** A short summary for lists; left empty, the deriveExcerpt hook fills it from the body. */
export const excerptField = (): TextareaField => ({
  name: 'excerpt',
  type: 'textarea',
  label: label('抜粋', 'Excerpt'),
  maxLength: 300,
  admin: {
    description: label(
      '空欄なら本文の冒頭から自動で作られます。',
      'Left empty, it is taken from the start of the body.',
    ),
  },
})
