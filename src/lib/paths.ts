import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { environment } from './env'

/** The project root, wherever the process was started from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Where the embedded database and local media live unless the environment says otherwise. */
export const DATA_DIR = path.resolve(PROJECT_ROOT, environment().DATA_DIR)

export const MEDIA_DIR = path.resolve(PROJECT_ROOT, environment().MEDIA_DIR ?? path.join(DATA_DIR, 'media'))
