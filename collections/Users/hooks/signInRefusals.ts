import { type AfterErrorHook, AuthenticationError, LockedAuth } from 'payload'

import { type Bilingual, inRequestLanguage } from '../../../src/lib/i18n'
import { TOO_MANY_ATTEMPTS, TooManyAttempts } from '../../../src/lib/auth/secretChecks'

/**
 * The one answer to every failed sign-in: unknown account, wrong password, locked or disabled account. Payload's
 * own lock message would tell a stranger that the account exists. The English text is Payload's wrong-password text.
 */
export const LOGIN_FAILED: Bilingual = {
  ja: 'メールアドレスまたはパスワードが正しくありません。',
  en: 'The email or password provided is incorrect.',
}

/**
 * Config-level afterError, where REST and GraphQL both report an operation's error: a sign-in refused for any
 * reason answers the generic 401, and a check over the sign-in budget 429 with Retry-After. GraphQL keeps its
 * HTTP status (one request may hold answered and refused fields); the field's error carries the status.
 */
export const answerSignInRefusals: AfterErrorHook = ({ error, graphqlResult, req }) => {
  // GraphQL wraps what the resolver threw.
  const thrown = (error as { originalError?: unknown }).originalError ?? error
  const refusal =
    thrown instanceof TooManyAttempts
      ? { status: 429, name: 'TooManyAttempts', message: TOO_MANY_ATTEMPTS }
      : thrown instanceof AuthenticationError || thrown instanceof LockedAuth
        ? { status: 401, name: 'AuthenticationError', message: LOGIN_FAILED }
        : null
  if (!refusal) return
  if (thrown instanceof TooManyAttempts) {
    req.responseHeaders = new Headers(req.responseHeaders)
    // Several refused fields of one GraphQL request: the longest wait.
    const waitSeconds = Math.max(thrown.retryAfterSeconds, Number(req.responseHeaders.get('Retry-After') ?? 0))
    req.responseHeaders.set('Retry-After', String(waitSeconds))
  }
  const message = inRequestLanguage(refusal.message, req)
  if (graphqlResult)
    return {
      graphqlResult: { ...graphqlResult, message, extensions: { name: refusal.name, statusCode: refusal.status } },
    }
  return { response: { errors: [{ message }] }, status: refusal.status }
}
