// Part "throughput": the server as `npm start` runs it (node + tsx, src/server/main.ts, SQLite in a
// temp DATA_DIR) in its own process, loaded by autocannon from this process: BENCH_CONNECTIONS (50)
// connections in flight at once, spread round-robin over BENCH_CLIENTS (200) simulated devices, each
// a teacher with her own session token. Every request is a small sync: one edit pushed and pulled
// back (BENCH_PUSH=0: an empty poll instead). Runs BENCH_DURATION seconds (default 20; the issue's
// memory check is 10 minutes: BENCH_DURATION=600), sampling the server's RSS every second.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import { ROOT } from '../e2e/build.ts';
import { bulkRecords, envNumber, ms, seedTeachers, type PartOutcome } from './common.ts';

const DURATION = envNumber('BENCH_DURATION', 20);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 50);
const CLIENTS = envNumber('BENCH_CLIENTS', 200);
const PER_LOGBOOK = 100;
const PUSH = process.env.BENCH_PUSH !== '0';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function runThroughput(): Promise<PartOutcome> {
  const work = mkdtempSync(path.join(tmpdir(), 'sbd-bench-load-'));
  const dataDir = path.join(work, 'data');
  const distDir = path.join(work, 'dist');
  // The API is what is measured; a stub shell stands in for the PWA build.
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Sổ Bồi Dưỡng</title>');

  // Seed the store the server will open: CLIENTS teachers with a session and a small logbook each.
  const seedConn = connect({ dataDir });
  const seedApp = await buildServer({ distDir, store: seedConn, purgeTombstones: false });
  const teachers = await seedTeachers(seedApp.sbd.ctx, CLIENTS, 'load');
  await bulkRecords(
    seedConn,
    teachers.map((t) => t.scopeId),
    PER_LOGBOOK,
  );
  const targets = await Promise.all(
    teachers.map((t) => seedConn.db.selectFrom('records').select('record_id').where('scope_id', '=', t.scopeId).where('tbl', '=', 'entries').limit(1).executeTakeFirstOrThrow()),
  );
  await seedApp.close();
  await seedConn.close();

  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DIST_DIR: distDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output.slice(0, 500)}`)), 30_000);
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output.slice(0, 500)}`)));
      const check = setInterval(() => {
        if (output.includes(`:${port}`)) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
    });
    const pid = child.pid!;
    const rssStart = rssMb(pid);

    const clients = teachers.map((t, i) => ({ ...t, clientId: `load-${String(i).padStart(4, '0')}`, recordId: targets[i]!.record_id, mutationId: 0, cursor: PER_LOGBOOK + 1 }));
    let next = 0;
    const setupRequest = (request: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) => {
      const client = clients[next++ % clients.length]!;
      client.mutationId += 1;
      const mutations = PUSH
        ? [{ mutationId: client.mutationId, scopeId: client.scopeId, table: 'entries', recordId: client.recordId, op: 'put', fields: { periods: (client.mutationId % 4) + 1, updatedAt: new Date(Date.UTC(2024, 9, 1) + client.mutationId * 1000).toISOString() } }]
        : [];
      request.headers = { 'content-type': 'application/json', authorization: `Bearer ${client.token}` };
      request.body = JSON.stringify({ clientId: client.clientId, schemaVersion: 2, mutations, cursors: { [client.scopeId]: client.cursor } });
      return request;
    };

    // Warm up (JIT, SQLite page cache), then the measured run.
    await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: 3, requests: [{ method: 'POST', path: '/api/sync', setupRequest }] });
    const rssAfterWarmup = rssMb(pid);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(pid)), 1000);
    console.log(`  ${CLIENTS} clients, ${CONNECTIONS} connections, ${DURATION} s${PUSH ? ', one edit per request' : ', empty polls'}…`);
    const serverCpu0 = cpuSeconds(pid);
    const ownCpu0 = process.cpuUsage();
    const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, timeout: 10, requests: [{ method: 'POST', path: '/api/sync', setupRequest }] });
    clearInterval(sampler);
    const serverCpu = (cpuSeconds(pid) - serverCpu0) / result.duration;
    const ownUsage = process.cpuUsage(ownCpu0);
    const loadCpu = (ownUsage.user + ownUsage.system) / 1e6 / result.duration;
    rss.push(rssMb(pid));

    const third = Math.max(1, Math.floor(rss.length / 3));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const rssFirst = avg(rss.slice(0, third));
    const rssLast = avg(rss.slice(-third));
    const kind = PUSH ? 'sync with one edit (push + pull)' : 'empty sync poll';
    return {
      rows: [
        { measure: `throughput, ${kind}: requests/s (${CONNECTIONS} conns, ${CLIENTS} clients, ${DURATION} s)`, value: `${result.requests.average.toFixed(0)} req/s`, target: '≥ 1,000 req/s (2 cores)' },
        { measure: '  latency p50 / p99 / max', value: `${ms(result.latency.p50)} / ${ms(result.latency.p99)} / ${ms(result.latency.max)}`, target: 'p99 ≤ 100 ms' },
        { measure: '  requests: 2xx / non-2xx / errors / timeouts', value: `${result['2xx']} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`, target: '' },
        { measure: '  CPU: server process / autocannon (this process), cores busy', value: `${serverCpu.toFixed(2)} / ${loadCpu.toFixed(2)}`, target: '' },
        { measure: '  server RSS: start / after warm-up / max', value: `${rssStart.toFixed(0)} / ${rssAfterWarmup.toFixed(0)} / ${Math.max(...rss).toFixed(0)} MB`, target: '' },
        { measure: `  server RSS: first third vs last third of the run`, value: `${rssFirst.toFixed(0)} → ${rssLast.toFixed(0)} MB`, target: 'flat (issue: over 10 min, BENCH_DURATION=600)' },
      ],
      results: { durationS: DURATION, connections: CONNECTIONS, clients: CLIENTS, push: PUSH, requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, cpu: { server: serverCpu, autocannon: loadCpu }, rssMb: { start: rssStart, afterWarmup: rssAfterWarmup, samples: rss } },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(work, { recursive: true, force: true });
  }
}
