import { defineConfig } from 'vitest/config'

/** Real-browser tests against the production build (npm run test:e2e). One server, one browser, in order. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
})
