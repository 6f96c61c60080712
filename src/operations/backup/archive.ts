import fs from 'node:fs'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import * as tar from 'tar'

import { ARCHIVE_PATHS } from './manifest'
import { megabytes, type Progress } from './progress'
import { PRIVATE_FILE_MODE } from '../../lib/privateFiles'

const PROGRESS_EVERY_BYTES = 64 * 1024 * 1024

/**
 * Writes the staged files as one gzip-compressed tar (node-tar, the library npm itself uses) at `target`: first
 * under a temporary name, owner-only, then renamed, so a finished name is always a whole archive.
 */
export const packArchive = async (staging: string, target: string, progress: Progress): Promise<number> => {
  const partial = `${target}.partial`
  const entries = Object.values(ARCHIVE_PATHS)
    .map((entry) => entry.split('/')[0] as string)
    .filter((entry, index, all) => all.indexOf(entry) === index && fs.existsSync(path.join(staging, entry)))
  let bytes = 0
  let reported = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes - reported >= PROGRESS_EVERY_BYTES) {
        reported = bytes
        progress(`archive: ${megabytes(bytes)} written`)
      }
      done(null, chunk)
    },
  })
  try {
    await pipeline(
      tar.create({ gzip: true, cwd: staging, portable: true }, entries),
      counter,
      fs.createWriteStream(partial, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    )
    const handle = await fs.promises.open(partial, 'r')
    await handle.sync().finally(() => handle.close())
    await fs.promises.rename(partial, target)
  } catch (error) {
    await fs.promises.rm(partial, { force: true })
    throw error
  }
  return bytes
}

const TOP_LEVEL = new Set(Object.values(ARCHIVE_PATHS).map((entry) => entry.split('/')[0]))

/**
 * Unpacks an archive into the empty folder `destination`, refusing anything a backup never holds: links, devices,
 * paths outside the layout (node-tar already refuses absolute paths and `..`). The archive is read through once
 * without writing anything first: a damaged or truncated archive fails there, with the decompressor's or tar's
 * own complaint, rather than halfway through writing files (node-tar keeps writing the entries it has already read
 * after it reports an error).
 */
export const unpackArchive = async (archive: string, destination: string) => {
  const refused: string[] = []
  try {
    await tar.list({
      file: archive,
      strict: true,
      onReadEntry: (entry) => {
        const allowed =
          ['File', 'OldFile', 'Directory'].includes(entry.type) && TOP_LEVEL.has(entry.path.split('/')[0] as string)
        if (!allowed) refused.push(`${entry.path} (${entry.type})`)
      },
    })
  } catch (error) {
    throw new Error(`${archive} cannot be read as a backup archive: ${(error as Error).message}`)
  }
  if (refused.length > 0)
    throw new Error(`${archive} holds entries a backup never has: ${refused.slice(0, 5).join(', ')}`)
  await tar.extract({ file: archive, cwd: destination, strict: true })
}
