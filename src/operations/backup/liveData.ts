import type { BackupSources } from './createBackup'

import { databaseKind, sqliteFile } from '../../lib/database'
import { environment } from '../../lib/env'
import { MEDIA_DIR } from '../../lib/paths'
import { GENERATED_SECRET_FILE } from '../../lib/secret'

/**
 * The data this installation keeps on disk, as DATABASE_URI, DATA_DIR and MEDIA_DIR name it. MongoDB and S3 have
 * backups of their own (README, "Backup and restore"): these commands refuse MongoDB and leave bucket media out.
 */
export const liveData = (): BackupSources => {
  if (databaseKind() === 'mongodb')
    throw new Error(
      'DATABASE_URI names MongoDB: back it up with mongodump --oplog or your provider\'s snapshots (README, "Backup and restore")',
    )
  const databaseFile = sqliteFile()
  if (!databaseFile) throw new Error('DATABASE_URI names an in-memory database: there is nothing on disk to back up')
  return {
    databaseFile,
    mediaDirectory: environment().S3_BUCKET ? undefined : MEDIA_DIR,
    secretFile: environment().PAYLOAD_SECRET ? undefined : GENERATED_SECRET_FILE,
  }
}
