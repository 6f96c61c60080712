import type { Access } from 'payload'

import { rightsOf } from '../lib/rights'

/** Any signed-in user of any role; a disabled account counts as signed out. */
export const authenticated: Access = ({ req: { user } }) => rightsOf(user) !== null
