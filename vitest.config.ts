import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit and server tests. End-to-end tests in tests/e2e run through scripts/e2e.ts, not here.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/property/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
