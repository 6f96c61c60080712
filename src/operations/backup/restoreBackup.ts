import fs from 'node:fs'
import path from 'node:path'

import type { BackupSources } from './createBackup'

import { migrations } from '../../migrations'
import { createPrivateDirectory } from '../../lib/privateFiles'
import { sqliteFiles } from '../../lib/database'
import { unpackArchive } from './archive'
import { takeOverDatabase } from './exclusiveDatabase'
import { ARCHIVE_PATHS, type Manifest } from './manifest'
import { megabytes, type Progress } from './progress'
import { verifyUnpackedArchive } from './verifyArchive'

export type RestoreResult = { manifest: Manifest; keptAside: string[] }

/** A rename, or a copy and delete where the two paths are on different file systems. */
const move = async (from: string, to: string) => {
  try {
    await fs.promises.rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await fs.promises.cp(from, to, { recursive: true, preserveTimestamps: true, errorOnExist: true, force: false })
    await fs.promises.rm(from, { recursive: true })
  }
}

/**
 * Brings an archive back in place of the live data: unpacked beside the database and checked whole first (see
 * verifyUnpackedArchive), then, only once no server uses the database, the live files are renamed aside
 * (`<name>.replaced-<time>`, never deleted) and the archive's put where they were. A failure while swapping puts
 * back what was already moved.
 */
export const restoreBackup = async (
  archive: string,
  destination: BackupSources,
  progress: Progress,
): Promise<RestoreResult> => {
  if (!fs.existsSync(archive)) throw new Error(`${archive} does not exist`)
  const dataFolder = path.dirname(destination.databaseFile)
  createPrivateDirectory(dataFolder)
  const staging = await fs.promises.mkdtemp(path.join(dataFolder, '.restore-'))
  try {
    progress(`1/4 reading ${archive} (${megabytes(fs.statSync(archive).size)})`)
    await unpackArchive(archive, staging)

    progress('2/4 checking: checksums, PRAGMA integrity_check, migrations')
    const manifest = await verifyUnpackedArchive(
      staging,
      migrations.map(({ name }) => name),
    )
    const documents = Object.entries(manifest.collections)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ')
    progress(
      `   ${manifest.entries.length} files match the manifest; snapshot of ${manifest.createdAt}, last migration ${manifest.migrations.last}; ${documents}`,
    )
    for (const { id, filename } of manifest.missingMedia)
      progress(`   WARNING: media document ${id} names ${filename}, which the backup could not find`)

    progress(`3/4 making sure no server uses ${destination.databaseFile}`)
    const database = takeOverDatabase(destination.databaseFile)
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const done: [string, string][] = []
    const swap = async (from: string, to: string) => {
      await move(from, to)
      done.push([from, to])
    }
    const replace = async (live: string, restored: string) => {
      if (fs.existsSync(live)) await swap(live, `${live}.replaced-${stamp}`)
      await swap(restored, live)
    }
    try {
      progress('4/4 replacing')
      for (const companion of sqliteFiles(destination.databaseFile).slice(1)) {
        if (fs.existsSync(companion)) await swap(companion, `${companion}.replaced-${stamp}`)
      }
      await replace(destination.databaseFile, path.join(staging, ARCHIVE_PATHS.database))
      if (manifest.mediaIncluded && destination.mediaDirectory) {
        // Unpacked in an owner-only folder; media stay readable by whatever serves them, as the live folder was.
        const mode = fs.existsSync(destination.mediaDirectory)
          ? fs.statSync(destination.mediaDirectory).mode & 0o777
          : 0o755
        await replace(destination.mediaDirectory, path.join(staging, ARCHIVE_PATHS.mediaDirectory))
        await fs.promises.chmod(destination.mediaDirectory, mode)
      }
      const restoredSecret = path.join(staging, ARCHIVE_PATHS.secret)
      if (destination.secretFile && fs.existsSync(restoredSecret)) await replace(destination.secretFile, restoredSecret)
    } catch (error) {
      for (const [from, to] of done.reverse())
        await move(to, from).catch(() => progress(`   could not move ${to} back to ${from}`))
      throw error
    } finally {
      database.release()
    }
    const keptAside = done.map(([, to]) => to).filter((to) => to.includes(`.replaced-${stamp}`))
    for (const aside of keptAside) progress(`   kept aside: ${aside}`)
    return { manifest, keptAside }
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true })
  }
}
