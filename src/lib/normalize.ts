/**
 * Text as staff type it on Japanese keyboards: full-width digits and letters, several kinds of dashes
 * (ー − ‐ – —) and ideographic spaces. NFKC folds the full-width forms; the dashes need a table of their own.
 */
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g

export const toHalfWidth = (value: string): string => value.normalize('NFKC').replace(DASHES, '-').trim()

/** 8400801 or ８４０－０８０１ → 840-0801; anything else is returned half-width for the validator to judge. */
export const normalizePostalCode = (value: string): string => {
  const halfWidth = toHalfWidth(value).replace(/^〒\s*/, '')
  const digitsOnly = /^\d{7}$/.exec(halfWidth)
  return digitsOnly ? `${halfWidth.slice(0, 3)}-${halfWidth.slice(3)}` : halfWidth
}
