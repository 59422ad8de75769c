// The server as `npm start` runs it (node + tsx, src/server/main.ts, SQLite in a temp DATA_DIR) in
// its own processes (WORKERS as `npm start` on SQLite decides unless BENCH_WORKERS says otherwise; CPU and RSS are
// summed over them), seeded with `clients` teachers (a session and a small logbook each), and the
// sync request each simulated device sends: one edit pushed and pulled back (or an empty poll),
// with the cursor and the school version a real client would send. Shared by the "throughput" and
// "memory" parts.
import type { RawRequest } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import { ROOT } from '../e2e/build.ts';
import { bulkRecords, seedTeachers } from './common.ts';
import { freePort } from '../support/freePort.ts';

const PER_LOGBOOK = 100;

/** Fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], utime [11], stime [12]). */
function statFields(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return null; // gone meanwhile
  }
}

/** `pid` and every process below it (the server's workers). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    if (Number.isFinite(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** CPU seconds (user + system) the server's processes have used so far. */
export function cpuSeconds(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    const fields = statFields(p);
    if (fields) total += (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  }
  return total;
}

/** Resident memory of the server's processes together. */
export function rssMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

export interface LoadServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** autocannon's setupRequest: the next device's sync request, round-robin over the devices. */
  setupRequest: (request: RawRequest) => RawRequest;
  stop(): Promise<void>;
}

export interface LoadServerOptions {
  clients: number;
  /** One edit per request (true) or empty polls. */
  push: boolean;
  /** Extra node flags for the server process (--cpu-prof, a preload…). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export async function startLoadServer(options: LoadServerOptions): Promise<LoadServer> {
  const work = mkdtempSync(path.join(tmpdir(), 'sbd-bench-load-'));
  const dataDir = path.join(work, 'data');
  const distDir = path.join(work, 'dist');
  // The API is what is measured; a one-line page stands in for the PWA build.
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Sổ Bồi Dưỡng</title>');

  // Seed the store the server will open: teachers with a session and a small logbook each.
  const seedConn = connect({ dataDir });
  const seedApp = await buildServer({ distDir, store: seedConn, purgeTombstones: false });
  const teachers = await seedTeachers(seedApp.sbd.ctx, options.clients, 'load');
  await bulkRecords(
    seedConn,
    teachers.map((t) => t.scopeId),
    PER_LOGBOOK,
  );
  const targets = await Promise.all(
    teachers.map((t) => seedConn.db.selectFrom('records').select('record_id').where('scope_id', '=', t.scopeId).where('tbl', '=', 'entries').limit(1).executeTakeFirstOrThrow()),
  );
  // A device that synced before knows its school's version and is sent no school context again.
  const first = await seedApp.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { authorization: `Bearer ${teachers[0]!.token}` },
    payload: { clientId: 'load-seed-device', schemaVersion: 2, mutations: [], cursors: {} },
  });
  const schoolVersion = first.json<{ school?: { version: string } }>().school?.version;
  await seedApp.close();
  await seedConn.close();

  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      LOG: '0',
      ...(process.env.BENCH_WORKERS ? { WORKERS: process.env.BENCH_WORKERS } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output.slice(0, 500)}`)), 120_000);
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output.slice(0, 500)}`)));
      const check = setInterval(() => {
        if (output.includes(`:${port}`)) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const devices = teachers.map((t, i) => ({ ...t, clientId: `load-${String(i).padStart(4, '0')}`, recordId: targets[i]!.record_id, mutationId: 0, cursor: PER_LOGBOOK + 1 }));
  let next = 0;
  const setupRequest = (request: RawRequest) => {
    const device = devices[next++ % devices.length]!;
    device.mutationId += 1;
    const mutations = options.push
      ? [
          {
            mutationId: device.mutationId,
            scopeId: device.scopeId,
            table: 'entries',
            recordId: device.recordId,
            op: 'put',
            fields: { periods: (device.mutationId % 4) + 1, updatedAt: new Date(Date.UTC(2024, 9, 1) + device.mutationId * 1000).toISOString() },
          },
        ]
      : [];
    request.headers = { 'content-type': 'application/json', authorization: `Bearer ${device.token}` };
    request.body = JSON.stringify({ clientId: device.clientId, schemaVersion: 2, mutations, cursors: { [device.scopeId]: device.cursor }, ...(schoolVersion ? { schoolVersion } : {}) });
    return request;
  };
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child, setupRequest, stop };
}
