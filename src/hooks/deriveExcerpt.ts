import type { CollectionBeforeChangeHook } from 'payload'

import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

/** Long enough for a card on a shop site, short enough for a search-result snippet. */
export const EXCERPT_LENGTH = 120

/** An excerpt left empty is derived from the body, so every list on a frontend has a summary to show. */
export const deriveExcerpt: CollectionBeforeChangeHook = ({ data }) => {
  if (typeof data.excerpt === 'string' && data.excerpt.trim() !== '') return data
  if (!data.body) return data
  const text = convertLexicalToPlaintext({ data: data.body }).replace(/\s+/g, ' ').trim()
  if (!text) return data
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text
  return { ...data, excerpt }
}
