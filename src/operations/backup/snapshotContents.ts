import Database from 'libsql'

/** A media document's stored files: the original and every resized copy. */
export type MediaDocument = { id: string; filenames: string[] }

export type SnapshotContents = {
  appliedMigrations: string[]
  /** Rows per collection table. */
  collections: Record<string, number>
  media: MediaDocument[]
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The first column of every row (libsql's statements have raw mode, not better-sqlite3's pluck). */
const firstColumn = (statement: Database.Statement<unknown[]>, ...parameters: unknown[]): unknown[] =>
  (statement.raw().all(...parameters) as unknown[][]).map((row) => row[0])

/**
 * Payload gives every collection a table of its own name with id, created_at and updated_at; what hangs off a
 * document (array rows, relations, versions' parents) points back through parent_id or _parent_id instead.
 */
const collectionTables = (database: Database.Database): string[] => {
  const tables = firstColumn(
    database.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
    ),
  ) as string[]
  return tables.filter((table) => {
    const columns = new Set(firstColumn(database.prepare('SELECT name FROM pragma_table_info(?)'), table) as string[])
    return (
      ['id', 'created_at', 'updated_at'].every((column) => columns.has(column)) &&
      !columns.has('parent_id') &&
      !columns.has('_parent_id')
    )
  })
}

/** The media table's file columns: `filename` and one `sizes_<name>_filename` per image size. */
const mediaDocuments = (database: Database.Database): MediaDocument[] => {
  const columns = (firstColumn(database.prepare("SELECT name FROM pragma_table_info('media')")) as string[]).filter(
    (column) => column === 'filename' || /^sizes_.+_filename$/.test(column),
  )
  if (columns.length === 0) return []
  const rows = database
    .prepare(`SELECT id, ${columns.map(quoteName).join(', ')} FROM media ORDER BY id`)
    .raw()
    .all() as (string | null)[][]
  return rows.map(([id, ...filenames]) => ({
    id: String(id),
    filenames: filenames.filter((name): name is string => Boolean(name)),
  }))
}

/** What a database snapshot holds: its applied migrations, its documents per collection and its media files. */
export const readSnapshotContents = (file: string): SnapshotContents => {
  const database = new Database(file)
  try {
    const appliedMigrations = firstColumn(
      database.prepare("SELECT name FROM payload_migrations WHERE name <> 'dev' ORDER BY name"),
    ) as string[]
    const collections = Object.fromEntries(
      collectionTables(database).map((table) => [
        table,
        Number(firstColumn(database.prepare(`SELECT count(*) FROM ${quoteName(table)}`))[0]),
      ]),
    )
    return { appliedMigrations, collections, media: mediaDocuments(database) }
  } finally {
    database.close()
  }
}
