// Where Chromium is, shared by the e2e runner (scripts/e2e.mjs), the harness and the benchmarks.
import { existsSync } from 'node:fs';

export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

/** CHROME_PATH if set, else /usr/bin/chromium; null when that file does not exist. */
export function findChrome(): string | null {
  const candidate = process.env.CHROME_PATH || DEFAULT_CHROME_PATH;
  return existsSync(candidate) ? candidate : null;
}

// Without the background-networking flags Chromium's own connections are refused on a closed network
// and slow every launch down.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
