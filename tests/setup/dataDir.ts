import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Every test file gets a data folder of its own before any module is imported: src/lib/paths reads DATA_DIR once, at
 * import, so a file importing a module that reaches it would otherwise put its database and media into the
 * project's data/. startPayload (tests/helpers/payload.ts) uses this folder and removes it when it stops.
 */
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'cms-test-'))
