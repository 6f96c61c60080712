import fs from 'node:fs'
import path from 'node:path'

import { environment } from '../../lib/env'
import { DATA_DIR, PROJECT_ROOT } from '../../lib/paths'

/** Where `npm run backup` writes when given no path. */
export const BACKUP_DIR = path.resolve(PROJECT_ROOT, environment().BACKUP_DIR ?? path.join(DATA_DIR, 'backups'))

/** cms-backup-20261202T013500Z.tar.gz: sorts by time, and says what it is. */
export const archiveName = (at = new Date()) =>
  `cms-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar.gz`

/** The archive a backup writes: the given file, a new name in the given folder, or a new name in BACKUP_DIR. */
export const archivePath = (argument?: string): string => {
  if (!argument) return path.join(BACKUP_DIR, archiveName())
  const target = path.resolve(argument)
  return argument.endsWith('/') || fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()
    ? path.join(target, archiveName())
    : target
}
