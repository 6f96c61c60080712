import type { PayloadRequest } from 'payload'

/** The admin speaks Japanese first; English is the second language everywhere. */
export type Bilingual = { ja: string; en: string }

export type Language = keyof Bilingual

/** A label in both admin languages, Japanese first. */
export const label = (ja: string, en: string): Bilingual => ({ ja, en })

/**
 * The one rule for the language of an answer: English when English was asked for, Japanese otherwise. Takes what
 * Payload decided (req.i18n.language, useTranslation's i18n.language) or Express's choice (req.acceptsLanguages('ja', 'en')).
 */
export const languageOf = (asked: string | false | null | undefined): Language => (asked === 'en' ? 'en' : 'ja')

/** Picks the text of a bilingual message in the language of the request (Japanese unless English was asked for). */
export const inRequestLanguage = (message: Bilingual, req?: Pick<PayloadRequest, 'i18n'>): string =>
  message[languageOf(req?.i18n?.language)]
