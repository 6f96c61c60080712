import { webhookProblems } from '../lib/deployment'
import { type Environment, environment } from '../lib/env'

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

/** The webhook settings of the environment; a misconfiguration stops the start with what to fix. */
export const webhookSettings = (env: Environment = environment()): WebhookSettings => {
  const problems = webhookProblems(env)
  if (problems.length > 0)
    throw new Error(`Webhooks are misconfigured:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
  return {
    urls: [...env.WEBHOOK_URLS],
    secret: env.WEBHOOK_SECRET ?? '',
    attempts: env.WEBHOOK_ATTEMPTS,
    backoffMs: env.WEBHOOK_BACKOFF_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    logDays: env.WEBHOOK_LOG_DAYS,
    cron: env.WEBHOOK_CRON,
  }
}
