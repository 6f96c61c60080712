import type { CheckboxField, PayloadRequest, RelationshipField, TextField } from 'payload'

import { relationship, text } from 'payload/shared'

import { inRequestLanguage, label } from '../lib/i18n'
import { DEVICE_PICKER } from './devicePicker'

/**
 * A repair report names its device from the catalogue, or, when staff cannot find the model there, ticks
 * 「一覧にない機種」 and types the model: the report is written today and HQ adds the model later (README: the list of
 * reports with an unlisted model). Exactly one of the two is kept; the other is cleared on save. In the form, the
 * picker and the typed model share one place (each shown by the box) and the box sits under them.
 */
type Sibling = { deviceNotListed?: boolean | null }
const notListed = (siblingData: unknown) => Boolean((siblingData as Sibling | undefined)?.deviceNotListed)

const deviceRequired = label(
  '機種を選んでください。一覧にない場合は「一覧にない機種」にチェックを入れて機種名を入力してください。',
  'Choose the device, or tick "Model not listed" and type the model.',
)
const modelRequired = label(
  '一覧にない機種の機種名を入力してください（例: Galaxy A25 5G）。',
  'Type the model that is not listed.',
)

export const deviceField: RelationshipField = {
  name: 'device',
  type: 'relationship',
  relationTo: 'devices',
  label: label('機種', 'Device'),
  index: true,
  admin: { condition: (_data, siblingData) => !notListed(siblingData), components: DEVICE_PICKER },
  hooks: { beforeChange: [({ value, siblingData }) => (notListed(siblingData) ? null : value)] },
  validate: async (value, options) => {
    if (notListed(options.siblingData)) return true
    if (value === null || value === undefined || value === '')
      return inRequestLanguage(deviceRequired, options.req as PayloadRequest)
    return relationship(value as never, options as never)
  },
}

export const deviceNotListedField: CheckboxField = {
  name: 'deviceNotListed',
  type: 'checkbox',
  label: label('一覧にない機種', 'Model not listed'),
  defaultValue: false,
  index: true,
  admin: {
    description: label(
      '機種一覧に見つからないときにチェックし、機種名を入力します。本部があとで一覧に追加します。',
      'Tick when the model is not in the catalogue; HQ adds it later.',
    ),
  },
}

export const unlistedModelField: TextField = {
  name: 'unlistedModel',
  type: 'text',
  label: label('機種名（一覧にない機種）', 'Model (not listed)'),
  maxLength: 100,
  admin: { condition: (_data, siblingData) => notListed(siblingData) },
  hooks: {
    beforeChange: [
      ({ value, siblingData }) => (notListed(siblingData) && typeof value === 'string' ? value.trim() : null),
    ],
  },
  validate: async (value, options) => {
    if (!notListed(options.siblingData)) return true
    if (typeof value !== 'string' || value.trim() === '')
      return inRequestLanguage(modelRequired, options.req as PayloadRequest)
    return text(value, options)
  },
}
