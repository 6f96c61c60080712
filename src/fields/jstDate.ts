import type { DateField } from 'payload'

import type { Bilingual } from '../lib/i18n'
import { withOverrides } from './withOverrides'

/**
 * A date and time entered and shown in Japan time. Stored as a UTC instant like every Payload date;
 * the admin's time zone (Asia/Tokyo, set in payload.config.ts) decides what staff see and type.
 */
export const jstDateField = (name: string, fieldLabel: Bilingual, overrides: Partial<DateField> = {}): DateField =>
  withOverrides<DateField>(
    {
      name,
      type: 'date',
      label: fieldLabel,
      // The zone is always Asia/Tokyo (its default); API clients need not send it, so it is never required.
      timezone: { override: ({ baseField }) => ({ ...baseField, required: false }) },
      admin: {
        // The time list in 24 hours (14:00, not 2:00 午後) under a Japanese heading (react-datepicker writes "Time").
        date: {
          pickerAppearance: 'dayAndTime',
          displayFormat: 'yyyy/MM/dd HH:mm',
          timeFormat: 'HH:mm',
          timeIntervals: 15,
          overrides: { timeCaption: '時刻' },
        },
      },
    },
    overrides,
  )
