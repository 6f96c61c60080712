/**
 * The layers, lowest first: src/lib (shared logic, imports nothing of ours above it); the building blocks of the
 * Payload config (src/access, src/fields, src/hooks, src/endpoints, src/graphql, src/delivery, src/webhooks,
 * src/components, src/migrations); collections/ and globals/; payload.config.ts and seed/; then src/server (Express),
 * src/startup (migrate, seed, report) and src/operations (commands); the entries src/main.ts and seed/run.ts on top.
 * `npm run check:imports` fails on an import that runs down-to-up; `npm run graph` redraws README.md's picture.
 */
const OURS_ABOVE_LIB = '^(src/(?!lib/|payload-types\\.ts)|collections/|globals/|seed/|payload\\.config\\.ts|tests/)'

module.exports = {
  forbidden: [
    {
      name: 'lib-is-the-floor',
      comment: 'src/lib is shared by every layer, so it imports only src/lib and the generated types.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: OURS_ABOVE_LIB },
    },
    {
      name: 'building-blocks-below-collections',
      comment:
        'Access rules, fields, hooks, endpoints and the rest are what collections are made of, not users of them.',
      severity: 'error',
      from: { path: '^src/(access|fields|hooks|endpoints|graphql|delivery|webhooks|components|migrations)/' },
      to: {
        path: '^(collections/|globals/|payload\\.config\\.ts|seed/|src/(server|startup|operations)/|src/main\\.ts)',
      },
    },
    {
      name: 'content-model-below-config',
      comment: 'Collections and globals are read by the config, the seed and the server, never the other way.',
      severity: 'error',
      from: { path: '^(collections|globals)/' },
      to: { path: '^(payload\\.config\\.ts|seed/|src/(server|startup|operations)/|src/main\\.ts)' },
    },
    {
      name: 'config-and-seed-below-the-process',
      comment:
        'The config and the seed run in every process (server, commands, tests) and import no process code; seed/run.ts is the `npm run seed` entry.',
      severity: 'error',
      from: { path: '^(payload\\.config\\.ts|seed/)', pathNot: '^seed/run\\.ts$' },
      to: { path: '^src/(server|startup|operations)/|^src/main\\.ts' },
    },
    {
      name: 'express-layer-only-from-the-entry',
      comment: 'Only the process entry (and tests) import the Express layer.',
      severity: 'error',
      from: { pathNot: '^(src/server/|src/main\\.ts|tests/)' },
      to: { path: '^src/server/' },
    },
    {
      name: 'nothing-imports-the-entry',
      severity: 'error',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|examples|\\.next)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
