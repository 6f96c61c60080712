import type { Access } from 'payload'

/** Every write, and every read of private data, needs a signed-in user. */
export const authenticated: Access = ({ req: { user } }) => Boolean(user)
