import fs from 'node:fs'
import path from 'node:path'

/**
 * Files that hold secrets (the database with its password hashes, the session key, mails with reset links, and
 * later backups) are readable by the service account only: files 0600, folders 0700.
 *
 * Modes are given where each file is created rather than through the process umask: the umask is one setting for
 * the whole process, so lowering it around a write would also catch an image upload written at the same moment,
 * and media must stay readable by whatever serves them. An explicit mode can only be narrowed by the umask.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIRECTORY_MODE = 0o700

/** Creates a folder (and its missing parents) that only the service account can open. An existing one is left as it is. */
export const createPrivateDirectory = (directory: string) => {
  fs.mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE })
}

/** Creates an empty owner-only file if none exists yet; an existing file is neither emptied nor changed. */
export const createPrivateFile = (file: string) => {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE))
}

/** Writes a new owner-only file in an owner-only folder. */
export const writePrivateFile = async (file: string, content: string | Uint8Array) => {
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIRECTORY_MODE })
  await fs.promises.writeFile(file, content, { mode: PRIVATE_FILE_MODE })
}

/**
 * Narrows each existing path to owner-only (folders 0700 with the files directly in them 0600, files 0600) and
 * returns what it changed with the mode it had, for a start to log. Missing paths are skipped.
 */
export const makePrivate = (paths: string[]): { path: string; mode: string }[] => {
  const corrected: { path: string; mode: string }[] = []
  const narrow = (target: string, stats: fs.Stats) => {
    const wanted = stats.isDirectory() ? PRIVATE_DIRECTORY_MODE : PRIVATE_FILE_MODE
    const mode = stats.mode & 0o777
    if ((mode & 0o077) === 0) return
    fs.chmodSync(target, wanted)
    corrected.push({ path: target, mode: mode.toString(8).padStart(4, '0') })
  }
  for (const target of paths) {
    const stats = fs.statSync(target, { throwIfNoEntry: false })
    if (!stats) continue
    narrow(target, stats)
    if (!stats.isDirectory()) continue
    for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
      if (entry.isFile()) narrow(path.join(target, entry.name), fs.statSync(path.join(target, entry.name)))
    }
  }
  return corrected
}
