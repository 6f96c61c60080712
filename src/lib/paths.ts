import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root, wherever the process was started from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Where the embedded database and local media live unless the environment says otherwise. */
export const DATA_DIR = path.resolve(PROJECT_ROOT, process.env.DATA_DIR ?? 'data')

export const MEDIA_DIR = path.resolve(PROJECT_ROOT, process.env.MEDIA_DIR ?? path.join(DATA_DIR, 'media'))
