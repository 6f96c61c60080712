import type { CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import { omitPath, type ReadDependencies, selectWithDependencies } from '../lib/selectDependencies'

/**
 * The paths a widened select added, by the select object the operation carries from its start to its end (by the
 * operation's arguments when nothing is left to exclude: an empty select would read nothing).
 */
const addedBySelect = new WeakMap<object, string[]>()

/**
 * A trimmed `select` never leaves a returned field without what it is computed from: a read that asks for a
 * file's `url` but not its `filename` got `url: null` (Payload makes the URL from the file name after the read).
 * beforeOperation widens the select by what the collection's computed fields need; afterOperation takes out what
 * was added, so the answer holds what was asked for. Every read passes here: REST and GraphQL (which builds its
 * select from the query's fields), top level and populated (Payload populates through a find with the
 * `populate` select of the related collection).
 */
export const readWhatFieldsNeed = (
  dependencies: ReadDependencies,
): { beforeOperation: CollectionBeforeOperationHook; afterOperation: CollectionAfterOperationHook } => ({
  beforeOperation: ({ args, operation }) => {
    if (operation !== 'read' || typeof args.select !== 'object' || args.select === null) return args
    const { select, added } = selectWithDependencies(args.select, dependencies)
    if (added.length === 0) return args
    const widened = { ...args, select: Object.keys(select).length > 0 ? select : undefined }
    addedBySelect.set(widened.select ?? widened, added)
    return widened
  },
  afterOperation: ({ args, operation, result }) => {
    const added = operation === 'find' || operation === 'findByID' ? addedBySelect.get(args.select ?? args) : undefined
    if (!added || !result) return result
    const docs: unknown[] = operation === 'find' ? (result as { docs: unknown[] }).docs : [result]
    for (const doc of docs) for (const path of added) omitPath(doc, path)
    return result
  },
})
