import { positiveWholeNumber } from '../lib/environmentNumber'
import { MIN_SECRET_LENGTH } from '../lib/secret'

type Environment = Record<string, string | undefined>

/** Where events go and how deliveries behave; see the README's environment table. */
export type WebhookSettings = {
  urls: string[]
  secret: string
  /** Tries per delivery, the first included. */
  attempts: number
  /** Wait before the first retry; each later retry waits twice as long as the one before. */
  backoffMs: number
  timeoutMs: number
  /** How long the delivery log keeps a row. */
  logDays: number
  /** How often each instance looks for due deliveries (cron, seconds first). */
  cron: string
}

const listedUrls = (env: Environment): string[] =>
  (env.WEBHOOK_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)

/** Whether a setting is an http:// or https:// URL. */
export const isHttpUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/** What keeps WEBHOOK_URLS and WEBHOOK_SECRET from working; the server refuses to start while anything is listed. */
export const webhookProblems = (env: Environment = process.env): string[] => {
  const urls = listedUrls(env)
  const problems = urls.filter((url) => !isHttpUrl(url)).map((url) => `WEBHOOK_URLS lists "${url}", which is not an http:// or https:// URL.`)
  if (urls.length === 0) return problems
  if (!env.WEBHOOK_SECRET) problems.push(`WEBHOOK_SECRET is not set (a random string of ${MIN_SECRET_LENGTH}+ characters signs every event sent to WEBHOOK_URLS).`)
  else if (env.WEBHOOK_SECRET.length < MIN_SECRET_LENGTH) problems.push(`WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters.`)
  return problems
}

/** The webhook settings of the environment; a misconfiguration stops the start with what to fix. */
export const webhookSettings = (env: Environment = process.env): WebhookSettings => {
  const problems = webhookProblems(env)
  if (problems.length > 0) throw new Error(`Webhooks are misconfigured:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
  return {
    urls: listedUrls(env),
    secret: env.WEBHOOK_SECRET ?? '',
    attempts: positiveWholeNumber('WEBHOOK_ATTEMPTS', 10),
    backoffMs: positiveWholeNumber('WEBHOOK_BACKOFF_MS', 10_000, 'milliseconds'),
    timeoutMs: positiveWholeNumber('WEBHOOK_TIMEOUT_MS', 10_000, 'milliseconds'),
    logDays: positiveWholeNumber('WEBHOOK_LOG_DAYS', 30, 'days'),
    cron: env.WEBHOOK_CRON ?? '* * * * * *',
  }
}
