import fs from 'node:fs'
import path from 'node:path'

import type { Progress } from './progress'
import type { MediaDocument } from './snapshotContents'

import { createPrivateDirectory } from '../../lib/privateFiles'

/** Copy-on-write where the file system offers it (btrfs, XFS: instant and no extra space), a plain copy elsewhere. */
const copyFile = (from: string, to: string) => fs.promises.copyFile(from, to, fs.constants.COPYFILE_FICLONE)

const PROGRESS_EVERY_FILES = 500

/**
 * Before the database snapshot: a private copy of every file in the media folder. Payload removes a deleted
 * document's files before its deletion commits, so a document the snapshot still holds may have lost its files by
 * the time the snapshot is taken; copied beforehand, they are kept. Copies, not links: the archive's checksums
 * must describe bytes nobody rewrites while the archive is being written.
 */
export const copyMediaFolder = async (mediaDirectory: string, staging: string, progress: Progress) => {
  createPrivateDirectory(staging)
  const names = fs.existsSync(mediaDirectory)
    ? (await fs.promises.readdir(mediaDirectory, { withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
    : []
  let copied = 0
  for (const name of names) {
    // A file deleted since the listing is no loss here: the snapshot decides what must be there.
    await copyFile(path.join(mediaDirectory, name), path.join(staging, name)).catch((error) => {
      if (error.code !== 'ENOENT') throw error
    })
    copied += 1
    if (copied % PROGRESS_EVERY_FILES === 0) progress(`media: ${copied}/${names.length} files copied`)
  }
}

const isPlainName = (name: string) => name === path.basename(name) && name !== '.' && name !== '..'

/**
 * After the snapshot: the staged media become exactly the files the snapshot's documents name. A file uploaded
 * after the copy but committed before the snapshot is copied now; a file no document of the snapshot names (an
 * upload committed after it, an orphan) is left out. A named file found nowhere is reported, with its document.
 */
export const keepReferencedMedia = async (mediaDirectory: string, staging: string, documents: MediaDocument[]) => {
  const referenced = new Set<string>()
  const missing: { id: string; filename: string }[] = []
  for (const { id, filenames } of documents) {
    for (const filename of filenames) {
      if (referenced.has(filename)) continue
      const staged = path.join(staging, filename)
      const found =
        isPlainName(filename) &&
        (fs.existsSync(staged) ||
          (await copyFile(path.join(mediaDirectory, filename), staged).then(
            () => true,
            () => false,
          )))
      if (found) referenced.add(filename)
      else missing.push({ id, filename })
    }
  }
  for (const name of await fs.promises.readdir(staging)) {
    if (!referenced.has(name)) await fs.promises.rm(path.join(staging, name))
  }
  return { files: referenced.size, missing }
}
