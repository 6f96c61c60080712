import { randomBytes } from 'node:crypto'

import { toHalfWidth } from './normalize'

/** Lower-case ASCII words joined by single hyphens: what a slug must look like. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const MAX_WORDS_LENGTH = 60

/**
 * The slug rule for Japanese titles. Romanising kanji is ambiguous (佐賀 → saga or sawaka), so a slug is
 * built from what is already Latin in the title (iPhone X, 7pay), prefixed with the JST day when the
 * document is dated, and falls back to a short random id when the title has no Latin at all.
 * Once saved, a slug stays as it is when the title changes, so published links keep working.
 */
export const slugFromTitle = (title: string, day?: string): string => {
  const words = (
    toHalfWidth(title)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  )
    .join('-')
    .slice(0, MAX_WORDS_LENGTH)
  const trimmed = words.replace(/-+$/, '')
  const parts = [day, trimmed].filter(Boolean)
  if (trimmed) return parts.join('-')
  return [...parts, randomBytes(4).toString('hex')].join('-')
}

/** What a user typed into the slug field, cleaned the way the rule would have made it. */
export const cleanSlug = (value: string): string =>
  toHalfWidth(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
