import type { Bilingual } from '../lib/i18n'

/** Why a GraphQL request was refused: the code clients read in `extensions.code`, and the HTTP status it gets. */
export const REFUSALS = {
  COST_TOO_HIGH: 400,
  TOO_MANY_ROOT_FIELDS: 400,
  TOO_MANY_ALIASES: 400,
  OPERATION_TOO_LARGE: 400,
  RATE_LIMITED: 429,
  TIME_BUDGET_SPENT: 503,
  BUSY: 503,
} as const

export type RefusalCode = keyof typeof REFUSALS

export const refusalMessages = {
  cost: (cost: number, max: number): Bilingual => ({
    ja: `この操作のコスト（${cost}）が上限（${max}）を超えています。limit を小さくするか、取得するフィールドを減らしてください。`,
    en: `This operation costs ${cost}, more than the ${max} allowed: ask for fewer documents (limit) or fewer fields.`,
  }),
  rootFields: (count: number, max: number): Bilingual => ({
    ja: `1つの操作で問い合わせられるルートフィールドは${max}個までです（この操作は${count}個）。複数のリクエストに分けてください。`,
    en: `An operation may ask for at most ${max} root fields (this one asks for ${count}): split it into several requests.`,
  }),
  aliases: (count: number, max: number): Bilingual => ({
    ja: `1つの操作で使えるエイリアスは${max}個までです（この操作は${count}個）。`,
    en: `An operation may use at most ${max} aliases (this one uses ${count}).`,
  }),
  tooLarge: (): Bilingual => ({
    ja: '操作が大きすぎて処理できません。フラグメントの展開を減らしてください。',
    en: 'The operation is too large to run: it expands to too many fields.',
  }),
  rateLimited: (): Bilingual => ({
    ja: 'この操作のコストが、残りのリクエスト枠を超えています。しばらくしてから再度お試しください。',
    en: 'This operation costs more than is left of your request budget. Please retry later.',
  }),
  timeBudgetSpent: (seconds: number): Bilingual => ({
    ja: `処理が制限時間（${seconds}秒）を超えたため中止しました。問い合わせを小さくして再度お試しください。`,
    en: `The request ran past its time budget of ${seconds} s and was stopped: retry with a smaller operation.`,
  }),
  busy: (): Bilingual => ({
    ja: 'GraphQL の処理が混み合っています。しばらくしてから再度お試しください。',
    en: 'Too many GraphQL requests are running. Please retry shortly.',
  }),
}

/** The JSON answer of a refusal made in front of Payload, in GraphQL's error shape. */
export const refusalResponse = (code: RefusalCode, message: string, retryAfterSeconds?: number): Response =>
  Response.json(
    { errors: [{ message, extensions: { code, statusCode: REFUSALS[code] } }] },
    { status: REFUSALS[code], headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {} },
  )
