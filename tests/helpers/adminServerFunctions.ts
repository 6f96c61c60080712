import type { Payload, PayloadRequest } from 'payload'

import { handleFormStateLocking } from '@payloadcms/ui/utilities/handleFormStateLocking'
import { schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'
import { canAccessAdmin, createLocalReq } from 'payload'

type Guard = (call: { name: string; args: Record<string, unknown>; req: PayloadRequest }) => Promise<void>

/**
 * The guard the admin's layout puts in front of Payload's server functions (src/access/serverFunctionGuard.ts). The
 * attack replays also run against the original main branch, which registered Payload's handlers as they are and
 * had no such module: there the calls reach the handlers unguarded. A guard that fails to load can only make the
 * replays fail, never pass.
 */
const GUARD_MODULE = '../../src/access/serverFunctionGuard'
const guard: Guard | undefined = await import(/* @vite-ignore */ GUARD_MODULE).then(
  (module: { guardServerFunction: Guard }) => module.guardServerFunction,
  () => undefined,
)

/**
 * Payload's handlers of the admin's server functions that write, without Next.js. form-state renders the whole
 * edit form, which needs the admin's import map; its write is the edit lock, taken by Payload's own
 * handleFormStateLocking exactly as form-state calls it (after the same admin-access check).
 */
const PAYLOAD_HANDLERS: Record<string, (args: Record<string, any>) => Promise<unknown>> = {
  'form-state': async ({ collectionSlug, globalSlug, id, req, returnLockStatus, updateLastEdited }) => {
    await canAccessAdmin({ req })
    const lockedState = returnLockStatus
      ? await handleFormStateLocking({
          id: collectionSlug ? id : undefined,
          collectionSlug,
          globalSlug,
          req,
          updateLastEdited,
        })
      : undefined
    return { lockedState }
  },
  'schedule-publish': async (args) => schedulePublishHandler(args as Parameters<typeof schedulePublishHandler>[0]),
}

/**
 * Calls a server function as the admin does for the browser signed in with `token`: Payload authenticates the
 * session from its headers (as initReq does), adds the request to the arguments the browser sent, and runs the
 * guard, then the handler.
 */
export const callServerFunction = async (
  payload: Payload,
  token: string,
  name: string,
  args: Record<string, unknown>,
) => {
  const { user } = await payload.auth({ headers: new Headers({ Authorization: `JWT ${token}` }) })
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  const payloadArgs = { ...args, req, user: req.user }
  await guard?.({ name, args: payloadArgs, req })
  const handler = PAYLOAD_HANDLERS[name]
  if (!handler) throw new Error(`no Next-free handler for ${name}`)
  return handler(payloadArgs)
}

/** The edit locks held on a document, with their holders' IDs. */
export const locksOn = async (payload: Payload, collection: string, id: string) => {
  const { docs } = await payload.find({
    collection: 'payload-locked-documents',
    where: { and: [{ 'document.relationTo': { equals: collection } }, { 'document.value': { equals: id } }] },
    depth: 0,
    overrideAccess: true,
  })
  return docs.map((lock) => String(typeof lock.user.value === 'object' ? lock.user.value.id : lock.user.value))
}

/** The scheduled publish jobs of a document. */
export const schedulesOf = async (payload: Payload, collection: string, id: string) => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { taskSlug: { equals: 'schedulePublish' } },
    limit: 0,
    depth: 0,
    overrideAccess: true,
  })
  return docs.filter((job) => {
    const doc = (job.input as { doc?: { relationTo?: string; value?: unknown } } | undefined)?.doc
    return doc?.relationTo === collection && String(doc.value) === id
  })
}
