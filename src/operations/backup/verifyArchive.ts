import Database from 'libsql'
import fs from 'node:fs'
import path from 'node:path'

import { ARCHIVE_PATHS, digestFile, type Manifest, parseManifest } from './manifest'
import { readSnapshotContents } from './snapshotContents'

/** Every regular file under `folder`, as archive paths (forward slashes, relative to `folder`). */
const filesUnder = async (folder: string): Promise<string[]> =>
  (await fs.promises.readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))

/** SQLite's own full check of the copy: every page, index and constraint. */
const integrityProblems = (file: string): string[] => {
  const database = new Database(file)
  try {
    const rows = database.prepare('PRAGMA integrity_check').raw().all() as string[][]
    return rows.map((row) => String(row[0])).filter((line) => line !== 'ok')
  } catch (error) {
    return [(error as Error).message]
  } finally {
    database.close()
  }
}

/**
 * Checks an unpacked archive before anything of the live data is touched, and answers its manifest: the manifest
 * lists exactly the files present, each with its size and SHA-256; the database copy passes PRAGMA
 * integrity_check and records the migrations the manifest names; every one of them is known to this code (a
 * snapshot from newer code would meet tables this code does not expect). Throws an error naming the first problem.
 */
export const verifyUnpackedArchive = async (folder: string, knownMigrations: string[]): Promise<Manifest> => {
  const manifestFile = path.join(folder, ARCHIVE_PATHS.manifest)
  if (!fs.existsSync(manifestFile))
    throw new Error(`The archive has no ${ARCHIVE_PATHS.manifest}: it is not a backup of this CMS, or it is cut short`)
  const manifest = parseManifest(await fs.promises.readFile(manifestFile, 'utf8'))

  const listed = new Set(manifest.entries.map((entry) => entry.path))
  const present = (await filesUnder(folder)).filter((file) => file !== ARCHIVE_PATHS.manifest)
  const unlisted = present.filter((file) => !listed.has(file))
  if (unlisted.length > 0)
    throw new Error(`The archive holds files its manifest does not list: ${unlisted.slice(0, 5).join(', ')}`)
  for (const entry of manifest.entries) {
    const file = path.join(folder, entry.path)
    if (!fs.existsSync(file))
      throw new Error(`${entry.path} is listed in the manifest but missing from the archive (cut short?)`)
    const actual = await digestFile(file)
    if (actual.size !== entry.size)
      throw new Error(`${entry.path} has ${actual.size} bytes, the manifest says ${entry.size}: the archive is damaged`)
    if (actual.sha256 !== entry.sha256)
      throw new Error(`${entry.path} does not match its SHA-256 in the manifest: the archive is damaged or was altered`)
  }

  const database = path.join(folder, ARCHIVE_PATHS.database)
  if (!listed.has(ARCHIVE_PATHS.database)) throw new Error(`The archive holds no database (${ARCHIVE_PATHS.database})`)
  const problems = integrityProblems(database)
  if (problems.length > 0)
    throw new Error(`The archived database fails PRAGMA integrity_check: ${problems.slice(0, 3).join('; ')}`)
  const { appliedMigrations } = readSnapshotContents(database)
  if (appliedMigrations.join() !== [...manifest.migrations.applied].sort().join())
    throw new Error('The archived database records other migrations than its manifest names')
  const unknown = appliedMigrations.filter((name) => !knownMigrations.includes(name))
  if (unknown.length > 0)
    throw new Error(
      `The archived database has migrations this code does not know (${unknown.join(', ')}): restore it with the version of the CMS that made it`,
    )
  return manifest
}
