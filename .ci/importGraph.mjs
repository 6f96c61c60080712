#!/usr/bin/env node
/**
 * The import graph, by folder and layer, from one dependency-cruiser run over the real TypeScript resolution.
 *   node .ci/importGraph.mjs          fails (exit 1) on any import that breaks .dependency-cruiser.cjs, or when
 *                                     README.md's picture is not the one this run draws
 *   node .ci/importGraph.mjs --write  redraws the picture between README.md's import-graph markers
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const README = path.join(root, 'README.md')
const START = '<!-- import-graph:start (npm run graph draws it) -->'
const END = '<!-- import-graph:end -->'

// Top to bottom; an import may only point down. Kept beside the rules of .dependency-cruiser.cjs, which enforce it.
const LAYERS = [
  ['entries', ['src/main.ts', 'seed/run.ts']],
  ['process', ['src/server', 'src/startup', 'src/operations', 'src/app']],
  ['config and seed', ['payload.config.ts', 'seed']],
  ['content model', ['collections', 'globals']],
  [
    'building blocks',
    [
      'src/access',
      'src/fields',
      'src/hooks',
      'src/endpoints',
      'src/graphql',
      'src/delivery',
      'src/webhooks',
      'src/components',
      'src/migrations',
    ],
  ],
  ['shared logic', ['src/lib']],
]
const NODES = LAYERS.flatMap(([, nodes]) => nodes)
const nodeOf = (file) =>
  NODES.filter((node) => file === node || file.startsWith(`${node}/`)).sort((a, b) => b.length - a.length)[0]

const cruise = JSON.parse(
  execFileSync(
    'npx',
    [
      'depcruise',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
      'src',
      'collections',
      'globals',
      'seed',
      'payload.config.ts',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ),
)

const violations = cruise.summary.violations.filter((violation) => violation.rule.severity === 'error')
for (const violation of violations) console.error(`${violation.rule.name}: ${violation.from} → ${violation.to}`)

// Closed by default: a new top-level folder of ours must be given a layer here before it is drawn or checked.
const OUTSIDE_THE_LAYERS = /^(node_modules\/|src\/payload-types\.ts$)/
const unplaced = cruise.modules.filter(
  (entry) => !entry.coreModule && !OUTSIDE_THE_LAYERS.test(entry.source) && !nodeOf(entry.source),
)
for (const entry of unplaced)
  console.error(`${entry.source} is in no layer: name its folder in LAYERS (.ci/importGraph.mjs)`)

const edges = new Set()
for (const entry of cruise.modules) {
  const from = nodeOf(entry.source)
  for (const dependency of entry.dependencies) {
    const to = nodeOf(dependency.resolved)
    if (from && to && from !== to) edges.add(`${from}→${to}`)
  }
}

const id = (node) => node.replace(/[^a-zA-Z]/g, '_')
const picture = [
  '```mermaid',
  'flowchart TB',
  ...LAYERS.flatMap(([layer, nodes]) => [
    `  subgraph ${id(layer)}["${layer}"]`,
    ...nodes.map((node) => `    ${id(node)}["${node}"]`),
    '  end',
  ]),
  // Invisible links from each layer's first folder to every folder of the next stack the layers top to bottom.
  ...LAYERS.slice(1).map(([, nodes], index) => `  ${id(LAYERS[index][1][0])} ~~~ ${nodes.map(id).join(' & ')}`),
  ...[...edges].sort().map((edge) => {
    const [from, to] = edge.split('→')
    return `  ${id(from)} --> ${id(to)}`
  }),
  '```',
].join('\n')

const readme = readFileSync(README, 'utf8')
const start = readme.indexOf(START)
const end = readme.indexOf(END)
if (start < 0 || end < start) {
  console.error(`README.md has no ${START} … ${END} block`)
  process.exit(1)
}
const drawn = `${readme.slice(0, start + START.length)}\n\n${picture}\n\n${readme.slice(end)}`

if (process.argv.includes('--write')) {
  writeFileSync(README, drawn)
  console.log(`README.md: ${NODES.length} folders, ${edges.size} import edges drawn`)
} else if (drawn !== readme) {
  console.error("README.md's import graph is not the current one: run `npm run graph` and commit README.md")
  process.exit(1)
}
if (violations.length > 0 || unplaced.length > 0) {
  console.error(
    `${violations.length} import(s) run up the layers (rules in .dependency-cruiser.cjs), ${unplaced.length} file(s) in no layer`,
  )
  process.exit(1)
}
