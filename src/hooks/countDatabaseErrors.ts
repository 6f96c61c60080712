import type { AfterErrorHook } from 'payload'

import { countDatabaseError } from '../lib/metrics'
import { databaseErrorKind } from './answerConstraintViolations'

/**
 * Config-level afterError, where REST and GraphQL both report an operation's error: one that came from the database
 * (a constraint it refused, or its driver failing: locked, gone, timed out) is counted in database_errors_total. The
 * answer is left to the hooks after it.
 */
export const countDatabaseErrors: AfterErrorHook = ({ error }) => {
  const kind = databaseErrorKind(error)
  if (kind) countDatabaseError(kind)
}
