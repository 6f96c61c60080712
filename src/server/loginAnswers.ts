import type { AuthAttempt } from './authAttempts'

import { type Bilingual } from '../lib/i18n'

/**
 * The one answer to every failed sign-in: unknown account, wrong password, locked or disabled account. Payload's
 * own lock message would tell a stranger that the account exists. The English text is Payload's wrong-password text.
 */
export const LOGIN_FAILED: Bilingual = {
  ja: 'メールアドレスまたはパスワードが正しくありません。',
  en: 'The email or password provided is incorrect.',
}

/** Statuses Payload answers a refused sign-in with (wrong credentials, locked, not allowed). */
const REFUSED = new Set([401, 403, 423])

type GraphqlError = { message?: string; path?: (number | string)[]; extensions?: { name?: string; statusCode?: number } }
type GraphqlBody = { data?: Record<string, unknown> | null; errors?: GraphqlError[] }

/** Payload's answer, read once, and which of the request's attempts succeeded. */
export type SettledAnswer = { response: Response; succeeded: AuthAttempt[] }

const withJson = (response: Response, body: unknown, status = response.status): Response => {
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(body), { status, headers })
}

/** REST: a 2xx is a success; a refused sign-in becomes the generic 401. */
export const settleRestAnswer = async (response: Response, attempt: AuthAttempt, language: 'en' | 'ja'): Promise<SettledAnswer> => {
  if (response.ok) return { response, succeeded: [attempt] }
  if (attempt.kind !== 'login' || !REFUSED.has(response.status)) return { response, succeeded: [] }
  await response.body?.cancel()
  return { response: withJson(response, { errors: [{ message: LOGIN_FAILED[language] }] }, 401), succeeded: [] }
}

/** GraphQL: a field with data succeeded; a refused loginUser field's error becomes the generic 401 error. */
export const settleGraphqlAnswer = async (response: Response, attempts: AuthAttempt[], language: 'en' | 'ja'): Promise<SettledAnswer> => {
  let body: GraphqlBody
  try {
    body = (await response.clone().json()) as GraphqlBody
  }
  catch {
    return { response, succeeded: [] }
  }
  const succeeded = attempts.filter((attempt) => attempt.responseKey && body.data?.[attempt.responseKey] != null)
  const loginKeys = new Set(attempts.filter((attempt) => attempt.kind === 'login').map((attempt) => attempt.responseKey))
  const isRefusedLogin = (error: GraphqlError) =>
    loginKeys.has(String(error.path?.[0])) && REFUSED.has(error.extensions?.statusCode ?? 0)
  if (!body.errors?.some(isRefusedLogin)) return { response, succeeded }
  const errors = body.errors.map((error) =>
    isRefusedLogin(error)
      ? { ...error, message: LOGIN_FAILED[language], extensions: { ...error.extensions, name: 'AuthenticationError', statusCode: 401 } }
      : error,
  )
  return { response: withJson(response, { ...body, errors }), succeeded }
}
