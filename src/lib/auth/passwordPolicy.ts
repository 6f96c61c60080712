import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'

import type { Bilingual } from '../i18n'

/** ASVS 5.0 V6.2: at least 12 characters, up to 128 accepted whole (a longer one is refused, never cut). */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128
/** zxcvbn's "safely unguessable" (about 10^8 guesses and more); no composition rules. */
const MIN_SCORE = 3

/** The chain's own names, which an attacker tries first against any of its accounts. */
export const CHAIN_WORDS = ['スマホスピタル', 'smahospital', 'sumahospital', 'smaho-spital', 'sumaho', 'smaho']

const zxcvbn = new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary },
})

const comparable = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')

/** Words of the account and the chain a password must not be built on: name, e-mail and its local part, store names. */
export type PasswordContext = { email?: unknown; name?: unknown; storeNames?: string[] }

/**
 * Why a password is refused, in both languages, or undefined when it is acceptable: too short, too long, one of
 * the common passwords or easily guessed (zxcvbn score under 3 with the account's own words as hints), or containing
 * the user's name, e-mail local part or a name of the chain or its stores.
 */
export const passwordProblem = (password: string, context: PasswordContext): Bilingual | undefined => {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      ja: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。`,
      en: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
    }
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      ja: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。`,
      en: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
    }
  }
  const email = typeof context.email === 'string' ? context.email : ''
  const personal = [typeof context.name === 'string' ? context.name : '', email, email.split('@')[0] ?? '']
  const chain = [...CHAIN_WORDS, ...(context.storeNames ?? [])]
  const candidate = comparable(password)
  const contained = [...personal, ...chain].map(comparable).find((word) => word.length >= 4 && candidate.includes(word))
  if (contained) {
    return {
      ja: 'パスワードに氏名、メールアドレス、チェーン名や店舗名を含めないでください。',
      en: 'The password must not contain your name, e-mail address, or the name of the chain or a store.',
    }
  }
  if (zxcvbn.check(password, [...personal, ...chain].filter(Boolean)).score < MIN_SCORE) {
    return {
      ja: 'このパスワードはよく使われているか推測されやすいため使えません。長めの、他で使っていない文を選んでください。',
      en: 'This password is common or easy to guess. Choose a longer passphrase you use nowhere else.',
    }
  }
  return undefined
}
