import { ensureE2eBuild } from './build.ts';

/**
 * One build for the whole run. The test files then use it as it is (SBD_E2E_BUILT), even if a source
 * changes meanwhile, so every file of a run tests the same build.
 */
export default function setup() {
  // scripts/e2e.ts only counts the tests (no Chromium): nothing to build.
  if (process.env.SBD_E2E_LIST_ONLY === '1') return;
  ensureE2eBuild();
  process.env.SBD_E2E_BUILT = '1';
}
