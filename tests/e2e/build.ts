// Builds the PWA once into a private folder for the e2e tests and the benchmarks, and again only when
// a source, public/ asset, index.html, vite.config.ts or the lockfile is newer than the last build.
// (dist/ is left to `npm start`, which other work may rebuild at any moment.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_DIST = path.join(ROOT, 'node_modules', '.cache', 'sbd-e2e', 'dist');

function newest(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function ensureE2eBuild({ force = process.env.E2E_REBUILD === '1' }: { force?: boolean } = {}): string {
  const stamp = path.join(E2E_DIST, '.built');
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => newest(path.join(ROOT, p)));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs)) return E2E_DIST;
  console.log(`[e2e] vite build → ${path.relative(ROOT, E2E_DIST)}`);
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', E2E_DIST, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Under Vitest NODE_ENV is 'test', which would give React's and Workbox's development builds.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  writeFileSync(stamp, new Date().toISOString());
  return E2E_DIST;
}
