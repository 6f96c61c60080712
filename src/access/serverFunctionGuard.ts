import type { PayloadRequest } from 'payload'

import { mayActOnDocument } from './mayActOnDocument'
import { forbidden } from '../lib/forbidden'
import { label } from '../lib/i18n'

/** What the browser sent, merged with what Payload adds (req, user, …) before a server function runs. */
export type ServerFunctionArgs = Record<string, unknown>

type Check = (args: ServerFunctionArgs, req: PayloadRequest) => Promise<void>

const REFUSED = label('この文書を操作する権限がありません。', 'You may not act on this document.')
const UNKNOWN = label('この操作はできません。', 'This operation is not available.')

const isId = (value: unknown): value is number | string =>
  (typeof value === 'string' && value !== '') || typeof value === 'number'

/** Whether the caller may edit the global: its update rule, which for a global is a plain yes or no. */
const mayEditGlobal = async (req: PayloadRequest, slug: unknown): Promise<boolean> => {
  const global = req.payload.config.globals.find((candidate) => candidate.slug === slug)
  return Boolean(global && (await global.access.update?.({ req })) === true)
}

/** The document the browser named ({ relationTo, value } or collection slug and ID) is one the caller may edit. */
const requireEditable = async (req: PayloadRequest, collectionSlug: unknown, id: unknown): Promise<void> => {
  if (typeof collectionSlug !== 'string' || !isId(id) || !(await mayActOnDocument(req, collectionSlug, id, 'update'))) {
    throw forbidden(req, REFUSED)
  }
}

const requireEditableGlobal = async (req: PayloadRequest, slug: unknown): Promise<void> => {
  if (!(await mayEditGlobal(req, slug))) throw forbidden(req, REFUSED)
}

/**
 * form-state builds the edit form and, with `returnLockStatus`, takes the document's edit lock in the caller's name
 * (Payload writes it straight to the database, with no access rule): only a document the caller may edit can be
 * locked. Renewing (`updateLastEdited`) touches only the caller's own lock, so the same check covers it.
 */
const formState: Check = async (args, req) => {
  if (!args.returnLockStatus) return
  if (args.collectionSlug !== undefined && args.id !== undefined && args.id !== null)
    await requireEditable(req, args.collectionSlug, args.id)
  if (args.globalSlug !== undefined) await requireEditableGlobal(req, args.globalSlug)
}

type ScheduledTarget = { doc?: { relationTo?: unknown; value?: unknown } | null; global?: unknown }

/** Scheduling (or cancelling) a publish is for someone who may publish the document, that is, edit it. */
const requirePublishable = async (req: PayloadRequest, { doc, global }: ScheduledTarget): Promise<void> => {
  if (doc) await requireEditable(req, doc.relationTo, doc.value)
  else if (global !== undefined && global !== null) await requireEditableGlobal(req, global)
  else throw forbidden(req, REFUSED)
}

/**
 * schedule-publish deletes the job `deleteID` (any scheduled publish, with Payload's rights) and queues a new one
 * for `doc` or `global`: both the job's document and the new target must be the caller's to publish. A call that
 * names neither a job nor a target is refused (Payload would queue a job that publishes nothing).
 */
const schedulePublish: Check = async (args, req) => {
  const { deleteID } = args
  if (deleteID !== undefined && deleteID !== null) {
    if (!isId(deleteID)) throw forbidden(req, REFUSED)
    const job = await req.payload.db.findOne<{ id: number | string; taskSlug?: string; input?: ScheduledTarget }>({
      collection: 'payload-jobs',
      where: { id: { equals: deleteID } },
      req,
    })
    if (!job || job.taskSlug !== 'schedulePublish') throw forbidden(req, REFUSED)
    await requirePublishable(req, job.input ?? {})
    if (!args.doc && !args.global) return
  }
  await requirePublishable(req, args as ScheduledTarget)
}

/** copy-data-from-locale overwrites a document with another locale's data: the caller must be able to edit it. */
const copyDataFromLocale: Check = async (args, req) => {
  if (args.globalSlug !== undefined) await requireEditableGlobal(req, args.globalSlug)
  else await requireEditable(req, args.collectionSlug, args.docID)
}

/**
 * Every server function the admin of Payload 3.90 calls (@payloadcms/next handleServerFunctions), each with the
 * check that runs before it. A name not listed here is refused before Payload does anything: a new server function
 * stays closed until someone reads what it writes and names it here.
 */
export const SERVER_FUNCTION_CHECKS = {
  'form-state': formState,
  'schedule-publish': schedulePublish,
  'copy-data-from-locale': copyDataFromLocale,
  // Read only, and refuse a caller without the right themselves (Payload asks the document's publish right).
  'get-upcoming-scheduled-publish': null,
  // Renders a document; the only write is the autosave draft of a new document, which Payload creates with the
  // caller's own create rule (overrideAccess: false).
  'render-document': null,
  // Write nothing but the caller's own list preferences (columns, sort, page size), keyed to req.user.
  'render-list': null,
  'table-state': null,
  // Read only: dashboard, document slots, one field, folders, a slug from a title.
  'get-default-layout': null,
  'render-widget': null,
  'render-document-slots': null,
  'render-field': null,
  'get-folder-results-component-and-data': null,
  slugify: null,
} satisfies Record<string, Check | null>

export type ServerFunctionName = keyof typeof SERVER_FUNCTION_CHECKS

/** The server functions that write to a document named by the browser, and so run a check first. */
export type CheckedServerFunctionName = {
  [N in ServerFunctionName]: (typeof SERVER_FUNCTION_CHECKS)[N] extends null ? never : N
}[ServerFunctionName]

export const isKnownServerFunction = (name: unknown): name is ServerFunctionName =>
  typeof name === 'string' && Object.hasOwn(SERVER_FUNCTION_CHECKS, name)

/** Refusal of a name that is not on the list: thrown before a request object exists, so in both languages. */
export class UnknownServerFunction extends Error {
  constructor(name: unknown) {
    super(`${UNKNOWN.ja} / ${UNKNOWN.en} (${String(name).slice(0, 60)})`)
    this.name = 'UnknownServerFunction'
  }
}

/**
 * Runs the check of the named server function with the arguments it is about to get; throws Payload's 403 when
 * the caller may not act on the document, and refuses a name that is not on the list.
 */
export const guardServerFunction = async ({
  name,
  args,
  req,
}: {
  name: unknown
  args: ServerFunctionArgs
  req: PayloadRequest
}): Promise<void> => {
  if (!isKnownServerFunction(name)) throw new UnknownServerFunction(name)
  const check: Check | null = SERVER_FUNCTION_CHECKS[name]
  if (check) await check(args, req)
}
