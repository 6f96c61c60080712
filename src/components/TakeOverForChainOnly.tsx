import type { ServerProps } from 'payload'

import { mayUseDeveloperTools } from '../lib/developerTools'

/** The take-over buttons of a document someone else is editing: in the locked notice and in the read-only controls. */
const HIDE_TAKE_OVER = '#document-locked-take-over, #take-over { display: none !important; }'

/**
 * Staff and managers open a document a colleague is editing read-only or go back; they do not take it over.
 * Payload has no option or slot for its take-over buttons, so this header component (rendered on every admin page
 * with the signed-in user) hides them for those roles; HQ and admin keep them.
 */
export const TakeOverForChainOnly = ({ user }: ServerProps) =>
  mayUseDeveloperTools(user) ? null : <style>{HIDE_TAKE_OVER}</style>
