import fs from 'node:fs'
import path from 'node:path'

import { packArchive } from './archive'
import { snapshotDatabase } from './databaseSnapshot'
import { ARCHIVE_PATHS, digestFile, type Manifest, MANIFEST_FORMAT } from './manifest'
import { copyMediaFolder, keepReferencedMedia } from './mediaStaging'
import { megabytes, type Progress } from './progress'
import { readSnapshotContents } from './snapshotContents'
import { PROJECT_ROOT } from '../../lib/paths'
import { createPrivateDirectory, writePrivateFile } from '../../lib/privateFiles'

export type BackupSources = {
  /** The live SQLite file (WAL mode; the server may be writing to it). */
  databaseFile: string
  /** The local media folder; left out when media live elsewhere (an S3 bucket). */
  mediaDirectory?: string
  /** The session key generated on the embedded default, when there is one: second-factor seeds are sealed with it. */
  secretFile?: string
}

export type BackupResult = { archive: string; bytes: number; manifest: Manifest }

const payloadVersion = (): string =>
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/payload/package.json'), 'utf8')).version

/**
 * Writes one archive that stands for one instant, while servers keep serving and writing: the media files are
 * copied first, then the database snapshot is taken, then the copied files are made to match exactly what the
 * snapshot's documents name (files committed later are dropped, files a document names but the folder lacks are
 * listed in the manifest as missing). The archive is written owner-only: it holds password hashes.
 */
export const createBackup = async (
  sources: BackupSources,
  archive: string,
  progress: Progress,
): Promise<BackupResult> => {
  if (fs.existsSync(archive)) throw new Error(`${archive} exists already: a backup never overwrites another`)
  createPrivateDirectory(path.dirname(archive))
  const staging = await fs.promises.mkdtemp(path.join(path.dirname(archive), '.backup-'))
  try {
    const stagedMedia = path.join(staging, ARCHIVE_PATHS.mediaDirectory)
    if (sources.mediaDirectory) {
      progress(`1/5 media: copying ${sources.mediaDirectory}`)
      await copyMediaFolder(sources.mediaDirectory, stagedMedia, progress)
    } else {
      progress('1/5 media: not in this backup (media are stored in an S3 bucket)')
    }

    progress(`2/5 database: snapshot of ${sources.databaseFile} (VACUUM INTO)`)
    const createdAt = new Date().toISOString()
    const stagedDatabase = path.join(staging, ARCHIVE_PATHS.database)
    createPrivateDirectory(path.dirname(stagedDatabase))
    snapshotDatabase(sources.databaseFile, stagedDatabase)
    const contents = readSnapshotContents(stagedDatabase)
    const documents = Object.entries(contents.collections)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ')
    progress(`   ${megabytes(fs.statSync(stagedDatabase).size)}; ${documents}`)

    let missingMedia: Manifest['missingMedia'] = []
    if (sources.mediaDirectory) {
      const kept = await keepReferencedMedia(sources.mediaDirectory, stagedMedia, contents.media)
      missingMedia = kept.missing
      progress(`3/5 media: ${kept.files} files of ${contents.media.length} media documents`)
      for (const { id, filename } of missingMedia)
        progress(`   WARNING: media document ${id} names ${filename}, which is not in ${sources.mediaDirectory}`)
    } else {
      progress('3/5 media: skipped')
    }
    if (sources.secretFile && fs.existsSync(sources.secretFile)) {
      await writePrivateFile(path.join(staging, ARCHIVE_PATHS.secret), await fs.promises.readFile(sources.secretFile))
    }

    progress('4/5 manifest: checksums')
    const entries = []
    for (const file of (await fs.promises.readdir(staging, { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    )) {
      const entryPath = path.relative(staging, path.join(file.parentPath, file.name)).split(path.sep).join('/')
      entries.push({ path: entryPath, ...(await digestFile(path.join(staging, entryPath))) })
    }
    entries.sort((a, b) => a.path.localeCompare(b.path))
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt,
      payloadVersion: payloadVersion(),
      migrations: { applied: contents.appliedMigrations, last: contents.appliedMigrations.at(-1) ?? null },
      collections: contents.collections,
      mediaIncluded: Boolean(sources.mediaDirectory),
      missingMedia,
      entries,
    }
    await writePrivateFile(path.join(staging, ARCHIVE_PATHS.manifest), `${JSON.stringify(manifest, null, 2)}\n`)
    const total = entries.reduce((sum, entry) => sum + entry.size, 0)
    progress(`   ${entries.length} files, ${megabytes(total)}; last migration ${manifest.migrations.last}`)

    progress(`5/5 archive: ${archive}`)
    const bytes = await packArchive(staging, archive, progress)
    progress(`   ${megabytes(bytes)} (gzip)`)
    return { archive, bytes, manifest }
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true })
  }
}
