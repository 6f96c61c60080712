/**
 * `node --import tsx tests/bench/loadGenerator.ts <options.json> <result.json>`: one mixed load run
 * (tests/bench/loadScenario.ts) in a process of its own, so the bench pins it to the other core than the server's.
 * Reads its LoadOptions from the first file and writes its LoadResult to the second.
 */
import { readFileSync, writeFileSync } from 'node:fs'

import { type LoadOptions, runMixedLoad } from './loadScenario'

const [optionsFile, resultFile] = process.argv.slice(2) as [string, string]
runMixedLoad(JSON.parse(readFileSync(optionsFile, 'utf8')) as LoadOptions).then(
  (result) => {
    writeFileSync(resultFile, JSON.stringify(result))
    process.exit(0)
  },
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
