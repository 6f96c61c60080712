import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file gets its own process and its own SQLite file, so Payload's per-process cache never leaks.
    pool: 'forks',
    maxWorkers: 2,
    // Background job runs stay off unless a test turns them on (tests/scheduledPublishing.test.ts).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal', JOBS_AUTORUN: 'false' },
    // A data folder of its own for each file, set before anything reads it.
    setupFiles: ['tests/setup/dataDir.ts'],
    // The dashboards render Payload's Button, whose module imports its own stylesheet: Vite loads it, Node could not.
    server: { deps: { inline: [/@payloadcms\/ui\/dist\/(elements|icons)\//] } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
