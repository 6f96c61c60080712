import type { PayloadRequest } from 'payload'

/** The admin speaks Japanese first; English is the second language everywhere. */
export type Bilingual = { ja: string; en: string }

/** A label in both admin languages, Japanese first. */
export const label = (ja: string, en: string): Bilingual => ({ ja, en })

/** Picks the text of a bilingual message in the language of the request (Japanese unless English was asked for). */
export const inRequestLanguage = (message: Bilingual, req?: Pick<PayloadRequest, 'i18n'>): string =>
  req?.i18n?.language === 'en' ? message.en : message.ja
