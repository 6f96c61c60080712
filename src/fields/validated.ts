import type { PayloadRequest } from 'payload'

import { date, number, text } from 'payload/shared'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

type TextValidateOptions = Parameters<typeof text>[1]

/**
 * Builds a text-field validator: Payload's own checks first (required, length), then our rule on a
 * non-empty value, answering in the request's language so the 400 names the field and the reason.
 */
export const textRule =
  (isValid: (value: string) => boolean, message: Bilingual) =>
  async (value: null | string | undefined, options: TextValidateOptions): Promise<string | true> => {
    const base = await text(value, options)
    if (base !== true) return base
    if (value === null || value === undefined || value === '') return true
    return isValid(value) ? true : inRequestLanguage(message, options.req as PayloadRequest)
  }

type NumberValidateOptions = Parameters<typeof number>[1]

/** Payload's number checks (required, min, max), then whole numbers only. */
export const wholeNumberRule =
  (message: Bilingual) =>
  async (value: null | number | number[] | undefined, options: NumberValidateOptions): Promise<string | true> => {
    const base = await number(value, options)
    if (base !== true) return base
    if (value === null || value === undefined) return true
    const values = Array.isArray(value) ? value : [value]
    return values.every(Number.isInteger) ? true : inRequestLanguage(message, options.req as PayloadRequest)
  }

type DateValidateOptions = Parameters<typeof date>[1]

/** Payload's date checks, then: this date must come after the sibling field `earlierField` (end after start). */
export const laterThanRule =
  (earlierField: string, message: Bilingual) =>
  async (value: Date | null | undefined, options: DateValidateOptions): Promise<string | true> => {
    const base = await date(value, options)
    if (base !== true || !value) return base
    const earlier = (options.siblingData as Record<string, unknown>)[earlierField]
    if (typeof earlier === 'string' || earlier instanceof Date) {
      if (new Date(value) <= new Date(earlier)) return inRequestLanguage(message, options.req as PayloadRequest)
    }
    return true
  }
