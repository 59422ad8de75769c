// Part "sync": initial sync of a teacher with BENCH_SYNC_RECORDS (default 5,000) entries into
// Chromium. The server (buildServer on SQLite in a temp dir) is seeded through POST /api/sync, as
// the teacher's first device would; then a fresh browser profile opens a bench page (tests/bench/
// sync-page, served by that server, same origin) which runs the app's sync engine (syncOnce) until
// everything is in IndexedDB.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { buildServer } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import { MAX_MUTATIONS_PER_REQUEST, type Mutation } from '../../src/sync/protocol.ts';
import { findChrome } from '../e2e/browser.ts';
import { ROOT } from '../e2e/build.ts';
import { firstPage, launchProfile } from '../e2e/harness.ts';
import { benchEntry, benchSchoolYear, envNumber, ms, PartSkipped, seedTeachers, type PartOutcome } from './common.ts';

const RECORDS = envNumber('BENCH_SYNC_RECORDS', 5_000);

export async function runInitialSync(): Promise<PartOutcome> {
  if (!findChrome()) throw new PartSkipped('no Chromium: apt-get install -y chromium, or set CHROME_PATH');
  const work = mkdtempSync(path.join(tmpdir(), 'sbd-bench-sync-'));
  const site = path.join(work, 'site');
  mkdirSync(site);
  await build({
    configFile: false,
    root: path.join(ROOT, 'tests', 'bench', 'sync-page'),
    base: '/__sync/',
    logLevel: 'warn',
    build: { outDir: path.join(site, '__sync'), emptyOutDir: true, target: 'es2022' },
  });

  const conn = connect({ dataDir: path.join(work, 'data') });
  const app = await buildServer({ distDir: site, store: conn, purgeTombstones: false });
  try {
    // The teacher's logbook reaches the server the way a first device uploads it.
    const [teacher] = await seedTeachers(app.sbd.ctx, 1, 'sync');
    const mutations: Mutation[] = [{ mutationId: 1, scopeId: teacher!.scopeId, table: 'schoolYears', recordId: benchSchoolYear().id, op: 'put', fields: benchSchoolYear() }];
    for (let i = 0; i < RECORDS; i++) {
      const record = benchEntry(i);
      mutations.push({ mutationId: i + 2, scopeId: teacher!.scopeId, table: 'entries', recordId: record.id as string, op: 'put', fields: record });
    }
    const seedStart = performance.now();
    for (let at = 0; at < mutations.length; at += MAX_MUTATIONS_PER_REQUEST) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${teacher!.token}` },
        payload: { clientId: 'bench-first-device', schemaVersion: 2, mutations: mutations.slice(at, at + MAX_MUTATIONS_PER_REQUEST), cursors: {} },
      });
      if (response.statusCode !== 200) throw new Error(`seeding sync ${response.statusCode}: ${response.body.slice(0, 300)}`);
    }
    const seedMs = performance.now() - seedStart;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    const profile = await launchProfile();
    try {
      await profile.context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await firstPage(profile.context);
      await page.goto(`${url}/__sync/index.html`);
      await page.locator('#status[data-ready="1"]').waitFor();
      const run = await page.evaluate(({ token, userId, scopeId }) => window.syncBench.initialSync(token, userId, scopeId), { token: teacher!.token, userId: teacher!.id, scopeId: teacher!.scopeId });
      if (run.entries !== RECORDS) throw new Error(`only ${run.entries} of ${RECORDS} entries reached IndexedDB`);
      const n = RECORDS.toLocaleString('en');
      return {
        rows: [
          { measure: `initial sync, ${n} entries → IndexedDB (syncOnce, ${run.rounds} round trips)`, value: ms(run.ms), target: '≤ 2 s' },
          { measure: '  of which waiting for /api/sync (server + loopback + JSON)', value: ms(run.waitMs), target: '' },
          { measure: '  of which applying in IndexedDB (Dexie transactions)', value: ms(run.ms - run.waitMs), target: '' },
          { measure: `  (seeding: ${n} entries pushed through /api/sync, SQLite)`, value: ms(seedMs), target: '' },
        ],
        results: { records: RECORDS, seedMs, ...run },
      };
    } finally {
      await profile.close();
    }
  } finally {
    await app.close();
    await conn.close();
    rmSync(work, { recursive: true, force: true });
  }
}
