// `npm start` on a fresh clone: build the PWA first when dist/ is missing or older than the sources.
import { execSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const built = path.join('dist', 'index.html');
const sources = Math.max(newest('src'), newest('public'), statSync('index.html').mtimeMs, statSync('vite.config.ts').mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Đang build ứng dụng (vite build)…');
  execSync('npx vite build', { stdio: 'inherit' });
}
