// Part "incremental": one POST /api/sync carrying one edit and pulling it back, with BENCH_RECORDS
// (default 1,000,000) records on the server spread over BENCH_TEACHERS (200) logbooks, on SQLite
// and on PostgreSQL. Timed around app.inject (routing, auth, push transaction, pull, JSON), no network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildServer } from '../../src/server/app.ts';
import { connect, type Connection } from '../../src/server/db/connect.ts';
import type { SyncResponse } from '../../src/sync/protocol.ts';
import { bulkRecords, envNumber, freshPostgres, ms, percentile, seedTeachers, type PartOutcome, type Row } from './common.ts';

const RECORDS = envNumber('BENCH_RECORDS', 1_000_000);
const TEACHERS = envNumber('BENCH_TEACHERS', 200);
const CALLS = envNumber('BENCH_CALLS', 50);
const WARMUP = 5;

async function measure(kind: 'sqlite' | 'postgres', conn: Connection, distDir: string) {
  const app = await buildServer({ distDir, store: conn, purgeTombstones: false });
  try {
    const teachers = await seedTeachers(app.sbd.ctx, TEACHERS);
    const perScope = Math.max(1, Math.round(RECORDS / TEACHERS) - 1);
    const t0 = performance.now();
    let lastLog = t0;
    await bulkRecords(
      conn,
      teachers.map((t) => t.scopeId),
      perScope,
      (done) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          console.log(`  [${kind}] seeded ${done.toLocaleString('en')} records…`);
        }
      },
    );
    // Settle the bulk load the way a long-running server would be: statistics fresh, the SQLite WAL
    // checkpointed, PostgreSQL's tables vacuumed (otherwise the first timed calls pay for it).
    if (kind === 'sqlite') {
      await sql`analyze`.execute(conn.db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(conn.db);
    } else {
      await sql`vacuum analyze`.execute(conn.db);
    }
    const seedMs = performance.now() - t0;
    const total = Number((await conn.db.selectFrom('records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`  [${kind}] ${total.toLocaleString('en')} records in ${(seedMs / 1000).toFixed(1)} s`);

    // A teacher in the middle edits one entry; her device is up to date before the edit.
    const teacher = teachers[Math.floor(teachers.length / 2)]!;
    const target = await conn.db.selectFrom('records').select(['record_id']).where('scope_id', '=', teacher.scopeId).where('tbl', '=', 'entries').orderBy('rev', 'desc').limit(1).executeTakeFirstOrThrow();
    let cursor = perScope + 1;
    // Her device synced before: it knows the school's version and is sent no school context.
    const first = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${teacher.token}` }, payload: { clientId: 'bench-device-1', schemaVersion: 2, mutations: [], cursors: { [teacher.scopeId]: cursor } } });
    const schoolVersion = first.json<{ school?: { version: string } }>().school?.version;
    const known = schoolVersion ? { schoolVersion } : {};
    const samples: number[] = [];
    let pulled = 0;
    let bytes = 0;
    let requestBytes = 0;
    for (let i = 1; i <= WARMUP + CALLS; i++) {
      const payload = {
        clientId: 'bench-device-1',
        schemaVersion: 2,
        mutations: [
          {
            mutationId: i,
            scopeId: teacher.scopeId,
            table: 'entries',
            recordId: target.record_id,
            op: 'put',
            fields: { periods: (i % 4) + 1, updatedAt: new Date(Date.UTC(2024, 9, 1) + i * 1000).toISOString() },
          },
        ],
        cursors: { [teacher.scopeId]: cursor },
        ...known,
      };
      const started = performance.now();
      const response = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${teacher.token}` }, payload });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`sync ${response.statusCode}: ${response.body.slice(0, 300)}`);
      const body = response.json<SyncResponse>();
      if (body.results[0]?.status !== 'applied') throw new Error(`mutation not applied: ${JSON.stringify(body.results)}`);
      cursor = body.cursors[teacher.scopeId] ?? cursor;
      if (i > WARMUP) {
        samples.push(elapsed);
        pulled += body.changes.length;
        bytes += response.rawPayload.length;
        requestBytes += Buffer.byteLength(JSON.stringify(payload));
      }
    }
    // The same device polling with nothing new: auth + pull only.
    const polls: number[] = [];
    for (let i = 0; i < WARMUP + CALLS; i++) {
      const payload = { clientId: 'bench-device-1', schemaVersion: 2, mutations: [], cursors: { [teacher.scopeId]: cursor }, ...known };
      const started = performance.now();
      const response = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${teacher.token}` }, payload });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`poll ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (i >= WARMUP) polls.push(elapsed);
    }
    return { pollP50: percentile(polls, 50), pollP95: percentile(polls, 95), records: total, seedMs, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), pulledPerCall: pulled / CALLS, responseBytes: bytes / CALLS, requestBytes: requestBytes / CALLS };
  } finally {
    await app.close();
  }
}

export async function runIncremental(): Promise<PartOutcome> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = { records: RECORDS, teachers: TEACHERS, calls: CALLS };
  const distDir = mkdtempSync(path.join(tmpdir(), 'sbd-bench-dist-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sbd-bench-incr-'));
  const title = `incremental sync, 1 edit pushed + pulled, ${RECORDS.toLocaleString('en')} records / ${TEACHERS} teachers`;
  try {
    for (const kind of ['sqlite', 'postgres'] as const) {
      let pgDb: Awaited<ReturnType<typeof freshPostgres>> = null;
      if (kind === 'postgres') {
        pgDb = await freshPostgres();
        if (!pgDb) {
          rows.push({ measure: `${title} — PostgreSQL`, value: 'NOT RUN', target: 'no PostgreSQL at DATABASE_URL / 127.0.0.1:5432' });
          continue;
        }
      }
      const conn = kind === 'sqlite' ? connect({ dataDir }) : connect({ databaseUrl: pgDb!.url });
      try {
        const m = await measure(kind, conn, distDir);
        results[kind] = m;
        const label = kind === 'sqlite' ? 'SQLite (WAL, temp dir)' : 'PostgreSQL';
        rows.push({ measure: `${title} — ${label}: p50 (×${CALLS}, app.inject)`, value: ms(m.p50), target: '' });
        rows.push({ measure: `  ${label}: p95 / max`, value: `${ms(m.p95)} / ${ms(m.max)}`, target: '≤ 20 ms' });
        rows.push({ measure: `  ${label}: empty poll (auth + pull, nothing new) p50 / p95`, value: `${ms(m.pollP50)} / ${ms(m.pollP95)}`, target: '' });
        rows.push({ measure: `  ${label}: bytes on the wire for one edited entry (JSON body: request / response)`, value: `${Math.round(m.requestBytes)} B / ${Math.round(m.responseBytes)} B`, target: '' });
        rows.push({ measure: `  ${label}: seeding ${m.records.toLocaleString('en')} rows (bulk INSERT)`, value: `${(m.seedMs / 1000).toFixed(1)} s`, target: '' });
      } finally {
        await conn.close();
        await pgDb?.drop();
      }
    }
  } finally {
    rmSync(distDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, results };
}
