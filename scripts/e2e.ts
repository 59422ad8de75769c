// `npm run test:e2e`: the end-to-end tests in real Chromium.
// Without Chromium they cannot run: say so loudly, with how many tests did not run and how to install
// it, and exit 0 so the rest of `npm test` counts — unless REQUIRE_BROWSER=1 (CI), then exit 1.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CHROME_PATH, findChrome } from '../tests/e2e/browser.ts';
import { ROOT } from '../tests/e2e/build.ts';

const E2E_DIR = path.join(ROOT, 'tests', 'e2e');

function e2eFiles(dir = E2E_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return e2eFiles(full);
    return entry.name.endsWith('.e2e.ts') ? [full] : [];
  });
}

/** How many tests the e2e files hold, as Vitest collects them (loops included); a rough count if that fails. */
function countTests(files: string[]): string {
  const listed = spawnSync(process.execPath, [vitest, 'list', '--config', 'vitest.e2e.config.ts', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SBD_E2E_LIST_ONLY: '1' },
  });
  try {
    return String((JSON.parse(listed.stdout) as unknown[]).length);
  } catch {
    const declared = files.reduce((sum, file) => sum + (readFileSync(file, 'utf8').match(/^\s*(?:test|it)\(/gm)?.length ?? 0), 0);
    return `at least ${declared}`;
  }
}

const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const chrome = findChrome();
if (!chrome) {
  const files = e2eFiles();
  const count = countTests(files);
  const required = process.env.REQUIRE_BROWSER === '1';
  const line = '!'.repeat(78);
  console.error(
    [
      '',
      line,
      `!!  ${count} END-TO-END TESTS (${files.length} files) DID NOT RUN: Chromium was not found.`,
      `!!  Looked at ${process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH}` : DEFAULT_CHROME_PATH}.`,
      '!!  Install it:   sudo apt-get install -y chromium',
      '!!  or point to one:   CHROME_PATH=/path/to/chrome npm run test:e2e',
      required ? '!!  REQUIRE_BROWSER=1: this is a failure.' : '!!  (Set REQUIRE_BROWSER=1 to make this a failure, as .ci/run does.)',
      line,
      '',
    ].join('\n'),
  );
  process.exit(required ? 1 : 0);
}

const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome },
});
process.exit(result.status ?? 1);
