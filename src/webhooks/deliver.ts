import type { Payload, TaskConfig } from 'payload'

import { performance } from 'node:perf_hooks'

import type { WebhookEvent } from './events'
import type { WebhookSettings } from './settings'

import { signature } from './signature'

export const DELIVER_WEBHOOK = 'deliverWebhook'
/** Deliveries have a queue of their own, run on their own schedule, so a frontend hears of a change within seconds. */
export const WEBHOOK_QUEUE = 'webhooks'

/** One event for one receiver; the body is kept as sent, so every attempt sends the very same bytes. */
export type DeliveryInput = { url: string; deliveryId: string; body: string }

const USER_AGENT = 'repair-chain-cms-webhooks/1.0'

type Outcome = { statusCode: number | null; error: string | null; durationMs: number }

/** POSTs the signed event; never follows a redirect (a 3xx is a failure) and gives up after the timeout. */
const post = async ({ url, deliveryId, body }: DeliveryInput, settings: WebhookSettings): Promise<Outcome> => {
  const startedAt = performance.now()
  const timestamp = String(Math.floor(Date.now() / 1000))
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-Webhook-Id': deliveryId,
        'X-Webhook-Timestamp': timestamp,
        'X-Webhook-Signature': signature(settings.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    })
    // The answer's body tells nothing; release the connection without reading it.
    await response.body?.cancel()
    const ok = response.status >= 200 && response.status < 300
    return {
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      durationMs: Math.round(performance.now() - startedAt),
    }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    const reason = timedOut
      ? `no answer within ${settings.timeoutMs} ms`
      : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message)
    return { statusCode: null, error: reason, durationMs: Math.round(performance.now() - startedAt) }
  }
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Writes the attempt to the delivery log, and lets go of rows older than the log keeps (a log, not evidence). */
const record = async (
  payload: Payload,
  settings: WebhookSettings,
  input: DeliveryInput,
  attempt: number,
  outcome: Outcome,
) => {
  const event = JSON.parse(input.body) as WebhookEvent
  await payload.create({
    collection: 'webhook-deliveries',
    data: {
      deliveryId: input.deliveryId,
      event: event.event,
      documentCollection: event.collection,
      documentId: String(event.id),
      url: input.url,
      attempt,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      deliveredAt: outcome.error ? null : new Date().toISOString(),
    },
    overrideAccess: true,
  })
  const cutoff = new Date(Date.now() - settings.logDays * DAY_MS).toISOString()
  await payload.db.deleteMany({ collection: 'webhook-deliveries', where: { createdAt: { less_than: cutoff } } })
}

/**
 * Payload's jobs queue carries each delivery: it survives a restart, one instance runs it, and a failed attempt
 * (a non-2xx answer, a timeout, a refused connection) is tried again after an exponentially growing wait. Every
 * attempt is a row of the delivery log. A receiver no longer in WEBHOOK_URLS gets nothing more.
 */
export const deliverWebhookTask = (
  settings: WebhookSettings,
): TaskConfig<{ input: DeliveryInput; output: object }> => ({
  slug: DELIVER_WEBHOOK,
  label: 'Webhook delivery',
  inputSchema: [
    { name: 'url', type: 'text', required: true },
    { name: 'deliveryId', type: 'text', required: true },
    { name: 'body', type: 'text', required: true },
  ],
  retries: { attempts: settings.attempts - 1, backoff: { type: 'exponential', delay: settings.backoffMs } },
  handler: async ({ input, job, req }) => {
    if (!settings.urls.includes(input.url)) {
      req.payload.logger.info(`Webhook delivery ${input.deliveryId} dropped: ${input.url} is no longer in WEBHOOK_URLS`)
      return { output: {} }
    }
    const attempt = (job.totalTried ?? 0) + 1
    const outcome = await post(input, settings)
    await record(req.payload, settings, input, attempt, outcome)
    if (outcome.error)
      throw new Error(
        `Webhook delivery ${input.deliveryId} to ${input.url} failed (attempt ${attempt}): ${outcome.error}`,
      )
    return { output: {} }
  },
})
