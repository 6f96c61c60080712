import type { UploadField } from 'payload'

import type { Bilingual } from '../lib/i18n'
import { withOverrides } from './withOverrides'

/** A picture from the media library. */
export const imageField = (name: string, fieldLabel: Bilingual, overrides: Partial<UploadField> = {}): UploadField =>
  withOverrides<UploadField>(
    {
      name,
      type: 'upload',
      relationTo: 'media',
      label: fieldLabel,
    },
    overrides,
  )
