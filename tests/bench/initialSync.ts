// Part "sync": initial sync of a teacher with BENCH_SYNC_RECORDS (default 5,000) entries into
// Chromium. The server (buildServer on SQLite in a temp dir) is seeded through POST /api/sync, as
// the teacher's first device would; then a fresh browser profile opens a bench page (tests/bench/
// sync-page, served by that server, same origin) which runs the app's sync engine (syncOnce) until
// everything is in IndexedDB.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    build: { outDir: path.join(site, '__sync'), emptyOutDir: true, target: 'es2022', minify: !process.env.BENCH_SYNC_PROFILE },
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
      // BENCH_SYNC_PROFILE=out.cpuprofile: a CPU profile of the page during the sync (Chrome DevTools format).
      const profilePath = process.env.BENCH_SYNC_PROFILE;
      const cdp = profilePath ? await profile.context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const cpuBefore = descendantsCpuMs();
      const run = await page.evaluate(({ token, userId, scopeId }) => window.syncBench.initialSync(token, userId, scopeId), { token: teacher!.token, userId: teacher!.id, scopeId: teacher!.scopeId });
      if (cdp && profilePath) writeFileSync(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      const cpuMs = descendantsCpuMs() - cpuBefore;
      const search = await page.evaluate(() => window.syncBench.buildSearchKeys());
      if (run.entries !== RECORDS) throw new Error(`only ${run.entries} of ${RECORDS} entries reached IndexedDB`);
      const n = RECORDS.toLocaleString('en');
      return {
        rows: [
          { measure: `initial sync, ${n} entries → IndexedDB (syncOnce, ${run.rounds} round trips)`, value: ms(run.ms), target: '≤ 2 s' },
          { measure: '  Chromium CPU time meanwhile, all processes (less sensitive to load)', value: ms(cpuMs), target: '' },
          { measure: '  /api/sync requests in flight (server + loopback + JSON; overlaps applying)', value: ms(run.waitMs), target: '' },
          { measure: `  then, in idle time after it: search keys of ${search.indexed.toLocaleString('en')} entries`, value: ms(search.ms), target: '' },
          { measure: `  (seeding: ${n} entries pushed through /api/sync, SQLite)`, value: ms(seedMs), target: '' },
        ],
        results: { records: RECORDS, seedMs, cpuMs, searchKeysMs: search.ms, ...run },
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

/**
 * CPU time (user + system) of this process's descendants — Chromium's browser, renderer and storage
 * processes — from /proc; 0 where /proc is missing. IndexedDB work runs outside the page's process,
 * and on a loaded machine wall time mostly measures the wait for a core.
 */
function descendantsCpuMs(): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of pids) {
    try {
      // Fields after the command name (which may contain spaces): state ppid … utime(14) stime(15).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  let ticks = 0;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!mine.has(pid) && mine.has(stat.ppid)) {
        mine.add(pid);
        ticks += stat.ticks;
        grew = true;
      }
    }
  }
  // USER_HZ is 100 on Linux.
  return ticks * 10;
}
