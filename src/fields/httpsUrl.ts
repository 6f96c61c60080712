import type { TextField } from 'payload'

import { label } from '../lib/i18n'
import { isHttpsUrl } from '../lib/siteLink'
import { textRule } from './validated'
import { withOverrides } from './withOverrides'

/** A link shown to the public: https only, so no page of ours sends a customer to plain http. */
export const httpsUrlField = (
  name: string,
  fieldLabel = label('URL', 'URL'),
  overrides: Partial<TextField> = {},
): TextField =>
  withOverrides<TextField>(
    {
      name,
      type: 'text',
      label: fieldLabel,
      admin: { placeholder: 'https://' },
      validate: textRule(isHttpsUrl, {
        ja: 'https:// で始まる正しいURLを入力してください。',
        en: 'Enter a valid URL starting with https://.',
      }),
    },
    overrides,
  )
