import type { SelectType } from 'payload'

import { getSelectMode } from 'payload/shared'

/**
 * Fields a read computes from others (a file's `url` from its `filename`, a stored body's HTML from the body when
 * none is stored, a post's site path from its slug and store), by dotted path: what each needs read with it.
 */
export type ReadDependencies = Record<string, readonly string[]>

type Select = Record<string, unknown>

const isObject = (value: unknown): value is Select =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether a read with this select returns the field at `path`. */
export const selectReturns = (select: Select, path: string): boolean => {
  // Nothing left to exclude: the read is of every field (selectWithDependencies passes no select then).
  if (Object.keys(select).length === 0) return true
  // Payload's rule: a select holding any `false` excludes, else it includes only what is `true`.
  const include = getSelectMode(select as SelectType) === 'include'
  let level: unknown = select
  for (const segment of path.split('.')) {
    if (!isObject(level)) return true
    const value = level[segment]
    if (value === true) return true
    if (value === false) return false
    if (value === undefined) return !include
    level = value
  }
  // The path names a group that is itself narrowed: it is returned, in part.
  return true
}

/** A copy of the select that also returns `path` (unchanged when a group above it is excluded as a whole). */
const returning = (select: Select, path: string): Select => {
  const include = getSelectMode(select as SelectType) === 'include'
  const copy = structuredClone(select)
  const segments = path.split('.')
  const last = segments.pop()!
  let level = copy
  for (const segment of segments) {
    if (include && !isObject(level[segment])) level[segment] = {}
    if (!isObject(level[segment])) return copy
    level = level[segment]
  }
  if (include) level[last] = true
  else delete level[last]
  return copy
}

/**
 * The select a read needs so that every field it returns can be computed, and the paths added for that (to be
 * taken out of the answer again: nobody asked for them). No select (every field) and a complete one stay as they are.
 * In exclude mode only an exclusion of the needed field itself is lifted; a whole group excluded stays excluded.
 */
export const selectWithDependencies = (
  select: Select,
  dependencies: ReadDependencies,
): { select: Select; added: string[] } => {
  let widened = select
  const added: string[] = []
  for (const [field, needs] of Object.entries(dependencies)) {
    if (!selectReturns(select, field)) continue
    for (const need of needs) {
      if (selectReturns(widened, need)) continue
      const next = returning(widened, need)
      if (!selectReturns(next, need)) continue
      widened = next
      added.push(need)
    }
  }
  return { select: widened, added }
}

/** Removes a dotted path from a document read (a group's field, or a top-level one). */
export const omitPath = (doc: unknown, path: string) => {
  const segments = path.split('.')
  const last = segments.pop()!
  let level: unknown = doc
  for (const segment of segments) {
    if (!isObject(level)) return
    level = level[segment]
  }
  if (isObject(level)) delete level[last]
}
