import type { CollectionSlug, Payload } from 'payload'

import { readdirSync } from 'node:fs'

/**
 * What a write leaves behind: as Payload counts them, the documents and versions of the collection written to; below
 * Payload, the row count of every table (documents, versions, array rows, relationship rows, locks, preferences, jobs,
 * the audit log); and the files of the upload folders. A refused write must leave all of it as it was.
 */
export type Traces = { documents: number; versions: number; rows: Record<string, number>; files: number }

type SqlClient = { execute: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }> }

/** Every table of the SQL database, read once (the schema does not change during a run). */
const tablesOf = async (client: SqlClient): Promise<string[]> => {
  const { rows } = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  return rows.map((row) => String(row.name))
}

const countFiles = (dir: string): number => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
  } catch {
    return 0
  }
}

/** A function that takes the traces of a collection now; `uploadDirs` are the folders files are stored in. */
export const tracesOf = async (
  payload: Payload,
  uploadDirs: string[],
): Promise<(collection: string) => Promise<Traces>> => {
  const client = (payload.db as unknown as { client?: SqlClient }).client
  if (!client || payload.db.name !== 'sqlite')
    throw new Error(`the fuzz suite reads traces of SQLite only (this is ${payload.db.name})`)
  const tables = await tablesOf(client)
  const query = tables.map((table) => `SELECT '${table}' AS name, count(*) AS rows FROM "${table}"`).join(' UNION ALL ')
  return async (collection) => {
    const slug = collection as CollectionSlug
    const { rows } = await client.execute(query)
    const { totalDocs: documents } = await payload.count({ collection: slug, overrideAccess: true })
    const versions = payload.collections[slug]?.config.versions
      ? (await payload.countVersions({ collection: slug, overrideAccess: true })).totalDocs
      : 0
    return {
      documents,
      versions,
      rows: Object.fromEntries(rows.map((row) => [String(row.name), Number(row.rows)])),
      files: uploadDirs.reduce((sum, dir) => sum + countFiles(dir), 0),
    }
  }
}

/** What changed between two traces, as "table: before → after" lines (empty when nothing did). */
export const traceChanges = (before: Traces, after: Traces): string[] => {
  const tables = new Set([...Object.keys(before.rows), ...Object.keys(after.rows)])
  const changes = [...tables]
    .filter((table) => before.rows[table] !== after.rows[table])
    .map((table) => `${table}: ${before.rows[table]} → ${after.rows[table]}`)
  if (before.documents !== after.documents) changes.push(`documents: ${before.documents} → ${after.documents}`)
  if (before.versions !== after.versions) changes.push(`versions: ${before.versions} → ${after.versions}`)
  if (before.files !== after.files) changes.push(`files: ${before.files} → ${after.files}`)
  return changes
}
