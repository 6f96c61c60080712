import type { DateField } from 'payload'

import { label } from '../lib/i18n'
import { jstDateField } from './jstDate'

/** The date a post shows (JST), now unless staff set another; newest first in lists. */
export const publishedAtField = (): DateField =>
  jstDateField('publishedAt', label('公開日', 'Published date'), {
    required: true,
    index: true,
    defaultValue: () => new Date().toISOString(),
    admin: { position: 'sidebar' },
  })
