import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { User } from '../../../src/payload-types'

import { isHousekeeping } from '../../../src/lib/auth/accountHousekeeping'
import { requestNote } from '../../../src/lib/audit'

/** What a person's update changes of an account that the hooks after it can no longer see (Payload has hashed the password away). */
type CredentialChange = { password: boolean }

/** The request's notes, by account ID: each person's update of an account writes its own before the change. */
const credentialChanges = (req: PayloadRequest) =>
  requestNote(req, 'accountCredentialChanges', () => new Map<string, CredentialChange>())

/**
 * beforeChange on users: notes whether this update sets a new password. Written once per update and only read
 * afterwards (never taken), so the afterChange hooks that read it may run in any order. The system's own writes to
 * an account (ended sessions, second-factor state) leave the note of the change they happen inside alone.
 */
export const noteCredentialChange: CollectionBeforeChangeHook<User> = ({
  context,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'update' && originalDoc && !isHousekeeping(context)) {
    credentialChanges(req).set(String(originalDoc.id), {
      password: typeof data.password === 'string' && data.password !== '',
    })
  }
  return data
}

/** Whether the update of account `id` now finishing set a new password. */
export const passwordChanged = (req: PayloadRequest, id: number | string): boolean =>
  credentialChanges(req).get(String(id))?.password === true
