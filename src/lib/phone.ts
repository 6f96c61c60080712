import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

import { toHalfWidth } from './normalize'

/**
 * Japanese phone numbers through libphonenumber's full metadata, which knows the area-code lengths
 * (0952-30-2255, 03-1234-5678, 090-1234-5678) that a regular expression cannot.
 */
const parseJapanesePhone = (value: string) => parsePhoneNumberFromString(toHalfWidth(value), 'JP')

export const isJapanesePhone = (value: string): boolean => {
  const parsed = parseJapanesePhone(value)
  return Boolean(parsed?.isValid() && parsed.country === 'JP')
}

/** The national format with the usual hyphens; unparseable input is left for the validator to refuse. */
export const normalizeJapanesePhone = (value: string): string => {
  const parsed = parseJapanesePhone(value)
  return parsed?.isValid() ? parsed.formatNational() : toHalfWidth(value)
}
