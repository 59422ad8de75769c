// Part "leaders": server time of GET /api/leader/overview for a ban giám hiệu over a school of
// BENCH_LEADER_TEACHERS (40) teachers × BENCH_LEADER_RECORDS (500) records, first alone on the server,
// then with BENCH_SCHOOLS (50) such schools on it (a district's server, 1,000,000 records), on SQLite
// and on PostgreSQL — with nothing kept in memory (the first overview after a start), right after one
// teacher pushed, and unchanged; then the bulk export of semester PDFs (PDFs per second, PDF_WORKERS
// threads): one tổ as a leader meets it (threads stopped; right after the overview; threads ready),
// then the whole school. Timed around app.inject (routing, auth, queries, JSON; the zip read as it
// streams), no network. Targets: overview ≤ 200 ms; export ≥ 5 PDFs/s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildServer } from '../../src/server/app.ts';
import { connect, type Connection } from '../../src/server/db/connect.ts';
import { pdfPool } from '../../src/server/pdf/renderPool.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { OverviewResponse } from '../../src/sync/leaderApi.ts';
import { benchEntry, bulkRecords, envNumber, freshPostgres, ms, percentile, seedTeachers, type PartOutcome, type Row } from './common.ts';

const TEACHERS = envNumber('BENCH_LEADER_TEACHERS', 40);
const RECORDS = envNumber('BENCH_LEADER_RECORDS', 500);
const SCHOOLS = envNumber('BENCH_SCHOOLS', 50);
const CALLS = envNumber('BENCH_CALLS', 30);

async function settle(kind: 'sqlite' | 'postgres', conn: Connection) {
  if (kind === 'sqlite') {
    await sql`analyze`.execute(conn.db);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(conn.db);
  } else {
    await sql`vacuum analyze`.execute(conn.db);
  }
}

async function measure(kind: 'sqlite' | 'postgres', conn: Connection, distDir: string) {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const app = await buildServer({ distDir, store: conn, purgeTombstones: false });
  try {
    const ctx = app.sbd.ctx;
    const school = async (prefix: string) => {
      const teachers = await seedTeachers(ctx, TEACHERS, prefix);
      await bulkRecords(conn, teachers.map((t) => t.scopeId), RECORDS - 1);
      return teachers;
    };
    const first = await school('s00gv');
    const schoolId = (await conn.db.selectFrom('users').select('school_id').where('id', '=', first[0]!.id).executeTakeFirstOrThrow()).school_id;
    const leader = await accounts.createUser(ctx, schoolId, { username: 's00bgh', fullName: 'Hiệu trưởng', department: '', roles: [{ role: 'leader' }] });
    const token = await accounts.createSession(ctx, leader.user.id);

    // Three cases, each CALLS times after 3 untimed calls: "nothing kept" — every logbook's figures
    // computed from the store, as for the first overview after the server starts (the cache is emptied
    // before each call); "after a push" — one teacher (a different one each time) pushed an entry just
    // before, so her figures are computed again and the others' come from memory; "unchanged" — nothing
    // pushed since the last overview.
    let mutationId = 0;
    const push = async (teacher: { scopeId: string; token: string }) => {
      const id = ++mutationId;
      const response = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${teacher.token}` },
        payload: { clientId: 'bench-leaders-device', schemaVersion: 2, cursors: {}, mutations: [{ mutationId: id, scopeId: teacher.scopeId, table: 'entries', recordId: `bench-push-${id}`, op: 'put', fields: benchEntry(id, `bench-push-${id}`) }] },
      });
      if (response.statusCode !== 200) throw new Error(`push ${response.statusCode}: ${response.body.slice(0, 200)}`);
    };
    const overview = async (label: string) => {
      await settle(kind, conn);
      for (const [name, before] of [
        ['nothing kept', () => app.sbd.ctx.overviews?.clear()],
        ['after a push', (i: number) => push(first[i % first.length]!)],
        ['unchanged', () => undefined],
      ] as const) {
        const samples: number[] = [];
        let teachers = 0;
        for (let i = 0; i < CALLS + 3; i++) {
          await before(i);
          const t0 = performance.now();
          const response = await app.inject({ url: '/api/leader/overview?year=2024&semester=HK1', headers: { authorization: `Bearer ${token}` } });
          const elapsed = performance.now() - t0;
          if (response.statusCode !== 200) throw new Error(`overview ${response.statusCode}: ${response.body.slice(0, 200)}`);
          teachers = response.json<OverviewResponse>().teachers.length;
          // The first overview starts the PDF threads: timed calls begin once they are ready.
          if (i === 0) await pdfPool().warm();
          if (i >= 3) samples.push(elapsed);
        }
        const p50 = percentile(samples, 50);
        const p95 = percentile(samples, 95);
        rows.push({ measure: `  [${kind}] overview, ${teachers} teachers × ${RECORDS} records, ${label}, ${name}: p50 / p95`, value: `${ms(p50)} / ${ms(p95)}`, target: '≤ 200 ms' });
        results[`overview ${label}, ${name}`] = { p50, p95, teachers };
      }
    };

    await overview('one school on the server');
    if (SCHOOLS > 1) {
      const t0 = performance.now();
      for (let s = 1; s < SCHOOLS; s++) {
        await school(`s${String(s).padStart(2, '0')}gv`);
        if (s % 10 === 0) console.log(`  [${kind}] ${s + 1} schools seeded (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
      const total = Number((await conn.db.selectFrom('records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      results.records = total;
      await overview(`${SCHOOLS} schools (${total.toLocaleString('en')} records)`);
    }

    // Bulk export of one tổ (seedTeachers puts teacher i in "Tổ i % 6": 7 PDFs) as a leader meets it:
    // the server has not rendered a PDF for a while (its threads stopped) and she exports without
    // looking at the overview first; she exports right after the overview arrived (the threads it
    // started are still loading); she read the overview until the threads were ready. Then the whole
    // school, as a server that has exported before does it. The zip streams: the first byte comes with
    // the first PDF. RSS of the process with no PDF threads and with them warm.
    const pool = pdfPool();
    const bulkExport = async (label: string, department?: string) => {
      const t0 = performance.now();
      const query = department === undefined ? '' : `&department=${encodeURIComponent(department)}`;
      const response = await app.inject({ url: `/api/leader/export?year=2024&semester=HK1${query}`, headers: { authorization: `Bearer ${token}` }, payloadAsStream: true });
      if (response.statusCode !== 200) throw new Error(`export ${response.statusCode}`);
      let firstByte = NaN;
      let bytes = 0;
      for await (const chunk of response.stream() as AsyncIterable<Buffer>) {
        if (Number.isNaN(firstByte)) firstByte = performance.now() - t0;
        bytes += chunk.byteLength;
      }
      const seconds = (performance.now() - t0) / 1000;
      const count = Number(response.headers['x-logbook-count']);
      const perSecond = count / seconds;
      rows.push({ measure: `  [${kind}] bulk export, ${label}: ${count} PDFs (${RECORDS} records each), ${(bytes / 1024 / 1024).toFixed(1)} MB zip in ${seconds.toFixed(1)} s, first byte ${ms(firstByte)}`, value: `${perSecond.toFixed(1)} PDFs/s`, target: '≥ 5 PDFs/s' });
      results[`export ${label}`] = { count, seconds, perSecond, bytes, firstByteMs: firstByte };
    };
    const openOverview = async () => {
      const response = await app.inject({ url: '/api/leader/overview?year=2024&semester=HK1', headers: { authorization: `Bearer ${token}` } });
      if (response.statusCode !== 200) throw new Error(`overview ${response.statusCode}`);
    };
    const rssMb = () => {
      global.gc?.();
      return process.memoryUsage().rss / 1024 / 1024;
    };

    await pool.close();
    const rssCold = rssMb();
    await bulkExport(`one tổ, PDF threads stopped, no overview first`, 'Tổ 1');
    await pool.close();
    await openOverview();
    await bulkExport(`one tổ, right after the overview (${pool.size} threads still starting)`, 'Tổ 1');
    await pool.close();
    const t0 = performance.now();
    await openOverview();
    await pool.warm();
    const readyAfter = performance.now() - t0;
    const rssWarm = rssMb();
    await bulkExport(`one tổ, overview open ${(readyAfter / 1000).toFixed(1)} s (threads ready)`, 'Tổ 1');
    await bulkExport('the whole school, threads warm', undefined);
    rows.push({ measure: `  [${kind}] server RSS: no PDF threads / ${pool.size} warm threads (ready ${ms(readyAfter)} after the overview)`, value: `${rssCold.toFixed(0)} / ${rssWarm.toFixed(0)} MB`, target: '' });
    results.pdfThreads = { size: pool.size, readyAfterOverviewMs: readyAfter, rssColdMb: rssCold, rssWarmMb: rssWarm };
  } finally {
    await app.close();
  }
  return { rows, results };
}

export async function runLeaders(): Promise<PartOutcome> {
  const distDir = mkdtempSync(path.join(tmpdir(), 'sbd-bench-leaders-'));
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>bench</title>');
  const rows: Row[] = [];
  const results: Record<string, unknown> = { teachers: TEACHERS, records: RECORDS, schools: SCHOOLS };
  try {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sbd-bench-leaders-db-'));
    const sqlite = connect({ dataDir });
    try {
      const outcome = await measure('sqlite', sqlite, distDir);
      rows.push(...outcome.rows);
      results.sqlite = outcome.results;
    } finally {
      await sqlite.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const pgDb = await freshPostgres();
    if (!pgDb) {
      rows.push({ measure: '  [postgres] not run: no PostgreSQL at DATABASE_URL or 127.0.0.1:5432', value: 'skipped', target: '' });
    } else {
      const conn = connect({ databaseUrl: pgDb.url });
      try {
        const outcome = await measure('postgres', conn, distDir);
        rows.push(...outcome.rows);
        results.postgres = outcome.results;
      } finally {
        await conn.close();
        await pgDb.drop();
      }
    }
  } finally {
    rmSync(distDir, { recursive: true, force: true });
  }
  return { rows, results };
}
