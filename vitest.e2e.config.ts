import { defineConfig } from 'vitest/config';

// End-to-end tests in real Chromium (playwright-core). Run them with `npm run test:e2e`
// (scripts/e2e.ts), which checks for Chromium first and builds the app once.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/globalSetup.ts'],
    // Two cores are shared with other work: one browser at a time.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
