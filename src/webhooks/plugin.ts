import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionConfig,
  CollectionSlug,
  Config,
  GlobalAfterChangeHook,
  GlobalConfig,
  PayloadRequest,
  Plugin,
} from 'payload'

import { randomUUID } from 'node:crypto'

import { DELIVER_WEBHOOK, deliverWebhookTask, WEBHOOK_QUEUE } from './deliver'
import {
  type GlobalWebhookEvent,
  WEBHOOK_COLLECTIONS,
  WEBHOOK_GLOBALS,
  webhookEvent,
  type WebhookEvent,
} from './events'
import { noteStoredDocument, publicationChange, wasPublic } from './publication'
import { type WebhookSettings, webhookSettings } from './settings'

type Document = { id: number | string } & Record<string, unknown>

/**
 * Queues one delivery per receiver, in the write's own transaction (a write that fails sends nothing). A failure
 * here is logged and never fails or holds up the write: the site then learns of the change at its next rebuild.
 */
const queueDeliveries = async (
  req: PayloadRequest,
  settings: WebhookSettings,
  event: () => Promise<GlobalWebhookEvent | WebhookEvent>,
  what: string,
) => {
  try {
    const body = JSON.stringify(await event())
    for (const url of settings.urls) {
      await req.payload.jobs.queue({
        task: DELIVER_WEBHOOK,
        queue: WEBHOOK_QUEUE,
        input: { url, deliveryId: randomUUID(), body },
        req,
      })
    }
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Webhook of ${what} could not be queued` })
  }
}

const documentEvent = (
  req: PayloadRequest,
  settings: WebhookSettings,
  kind: WebhookEvent['event'],
  collection: CollectionSlug,
  document: Document,
) =>
  queueDeliveries(
    req,
    settings,
    () => webhookEvent(req, kind, collection, document),
    `${kind} of ${collection}/${document.id}`,
  )

/** Every saved change of a global is public at once: one publish event naming the global. */
const sendsGlobalWebhooks = (global: GlobalConfig, settings: WebhookSettings): GlobalConfig => {
  const afterChange: GlobalAfterChangeHook = async ({ doc, global: config, req }) => {
    await queueDeliveries(
      req,
      settings,
      async () => ({ event: 'publish', global: config.slug, at: new Date().toISOString() }),
      `the global ${config.slug}`,
    )
    return doc
  }
  return { ...global, hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), afterChange] } }
}

const sendsWebhooks = (collection: CollectionConfig, settings: WebhookSettings): CollectionConfig => {
  const afterChange: CollectionAfterChangeHook = async (args) => {
    const published = await publicationChange(args)
    if (published) await documentEvent(args.req, settings, published.change, args.collection.slug, published.document)
    return args.doc
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ collection: config, doc, req }) => {
    if (wasPublic(config, doc)) await documentEvent(req, settings, 'delete', config.slug, doc)
  }
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      beforeChange: [...(hooks.beforeChange ?? []), noteStoredDocument],
      afterChange: [...(hooks.afterChange ?? []), afterChange],
      afterDelete: [...(hooks.afterDelete ?? []), afterDelete],
    },
  }
}

/**
 * Signed webhooks for static and ISR frontends (README "Webhooks"): publishing, unpublishing and deleting the
 * collections of WEBHOOK_COLLECTIONS, and saving the globals of WEBHOOK_GLOBALS, by any path (REST, GraphQL, the admin, the Local API, scheduled publishing),
 * queue a delivery to each of WEBHOOK_URLS. The task is always registered, so pending deliveries survive a change of
 * settings; the hooks and the queue's schedule only when there are receivers.
 */
export const webhooks =
  (settings: WebhookSettings = webhookSettings()): Plugin =>
  (config: Config): Config => {
    const active = settings.urls.length > 0
    const autoRun = config.jobs?.autoRun
    const ownRun = { cron: settings.cron, queue: WEBHOOK_QUEUE, limit: 20 }
    return {
      ...config,
      collections: config.collections?.map((collection) =>
        active && collection.slug in WEBHOOK_COLLECTIONS ? sendsWebhooks(collection, settings) : collection,
      ),
      globals: config.globals?.map((global) =>
        active && (WEBHOOK_GLOBALS as string[]).includes(global.slug) ? sendsGlobalWebhooks(global, settings) : global,
      ),
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), deliverWebhookTask(settings)],
        autoRun: !active
          ? autoRun
          : typeof autoRun === 'function'
            ? async (payload) => [...(await autoRun(payload)), ownRun]
            : [...(autoRun ?? []), ownRun],
      },
    }
  }
