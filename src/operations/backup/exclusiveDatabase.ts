import Database from 'libsql'
import fs from 'node:fs'

export type ExclusiveDatabase = { release: () => void }

const codeOf = (error: unknown) => (error as { code?: string }).code ?? ''

/**
 * Proves that no server has the live database open, and keeps it that way until released. Every server process
 * holds its database open for as long as it runs, and SQLite lets a connection leave WAL mode only when no other
 * connection has the file open: if switching to journal_mode=DELETE succeeds, nothing else uses the file. The
 * switch also folds the -wal file into the database, so what is put aside is one complete file. Then an exclusive
 * lock keeps a server starting meanwhile from reading it. (A check of /readyz on PORT would miss a server on
 * another port, and a port answering says nothing about which data folder it serves.)
 */
export const takeOverDatabase = (file: string): ExclusiveDatabase => {
  if (!fs.existsSync(file)) return { release: () => {} }
  const database = new Database(file)
  try {
    const [mode] = database.prepare('PRAGMA journal_mode = DELETE').raw().all() as string[][]
    if (mode?.[0] !== 'delete') throw Object.assign(new Error('journal mode unchanged'), { code: 'SQLITE_BUSY' })
    database.exec('PRAGMA locking_mode = EXCLUSIVE')
    database.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    database.close()
    if (codeOf(error).startsWith('SQLITE_BUSY') || codeOf(error).startsWith('SQLITE_LOCKED')) {
      throw new Error(
        `A server is using ${file} (SQLite refused exclusive access): stop every instance on this data folder, then restore`,
      )
    }
    // A database too damaged to open is what a restore is for; nothing can be serving from it.
    if (codeOf(error).startsWith('SQLITE_NOTADB') || codeOf(error).startsWith('SQLITE_CORRUPT'))
      return { release: () => {} }
    throw error
  }
  return {
    release: () => {
      database.exec('ROLLBACK')
      database.close()
    },
  }
}
