// Shared helpers for the sync/server parts of `npm run bench` (tests/bench/run.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TRAINING_FORM_CODES } from '../../src/domain/catalogs/trainingForms.ts';
import type { Connection } from '../../src/server/db/connect.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { StoreContext } from '../../src/server/store/context.ts';

export interface Row {
  measure: string;
  value: string;
  target: string;
}

export interface PartOutcome {
  rows: Row[];
  results: Record<string, unknown>;
}

/** Thrown by a part that cannot run here (no Chromium, no PostgreSQL…): printed, not a failure. */
export class PartSkipped extends Error {}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const TOPICS = [
  'Bồi dưỡng thường xuyên mô đun',
  'Tự học tài liệu về kiểm tra, đánh giá học sinh',
  'Sinh hoạt tổ chuyên môn theo nghiên cứu bài học',
  'Dự giờ tiết Ngữ văn lớp 7A của đồng chí',
  'Chuyên đề dạy học theo định hướng phát triển năng lực',
  'Ứng dụng công nghệ thông tin trong soạn giảng',
];

export const SCHOOL_YEAR_ID = 'bench-y2024';
export const T0 = '2024-09-10T08:00:00.000Z';

/** A logbook entry as the app syncs it (entrySchema), about 350 bytes of JSON. */
export function benchEntry(i: number, id: string = randomUUID()): Record<string, unknown> {
  const date = new Date(Date.UTC(2024, 8, 5) + (i % 260) * 86_400_000).toISOString().slice(0, 10);
  return {
    id,
    schoolYearId: SCHOOL_YEAR_ID,
    date,
    content: `${TOPICS[i % TOPICS.length]} (${i + 1})`,
    form: TRAINING_FORM_CODES[i % TRAINING_FORM_CODES.length],
    bdtxProgram: null,
    module: null,
    periods: (i % 8) / 2 + 0.5,
    source: i % 3 === 0 ? 'Tài liệu của Bộ GD&ĐT, temis.csdl.edu.vn' : '',
    result: i % 2 === 0 ? 'Vận dụng vào tiết dạy: thảo luận nhóm; học sinh hứng thú hơn.' : '',
    evidence: '',
    note: '',
    createdAt: T0,
    updatedAt: T0,
  };
}

export const benchSchoolYear = () => ({
  id: SCHOOL_YEAR_ID,
  startYear: 2024,
  hk1Start: '2024-09-05',
  hk1End: '2025-01-15',
  hk2Start: '2025-01-16',
  hk2End: '2025-05-31',
  updatedAt: T0,
});

export interface Teacher {
  id: string;
  scopeId: string;
  token: string;
}

/** A school with `count` teachers (the real account code: user, role, scope) and a session each. */
export async function seedTeachers(ctx: StoreContext, count: number, prefix = 'gv'): Promise<Teacher[]> {
  const school = await accounts.createSchool(ctx, `THCS Bench ${prefix}`);
  const teachers: Teacher[] = [];
  for (let i = 0; i < count; i++) {
    const { user } = await accounts.createUser(ctx, school.id, {
      username: `${prefix}${String(i).padStart(4, '0')}`,
      fullName: `Giáo viên ${i}`,
      department: `Tổ ${i % 6}`,
      roles: [{ role: 'teacher' }],
    });
    if (!user.scopeId) throw new Error('a teacher without a scope');
    teachers.push({ id: user.id, scopeId: user.scopeId, token: await accounts.createSession(ctx, user.id) });
  }
  return teachers;
}

/**
 * `perScope` entries (plus a school year) in every scope, written straight into the records table
 * with multi-row INSERTs, `rowsPerInsert` at a time, one transaction per scope; scopes.rev follows.
 */
export async function bulkRecords(conn: Connection, scopeIds: string[], perScope: number, onProgress?: (done: number) => void): Promise<void> {
  const rowsPerInsert = 500; // 8 columns: under SQLite's and PostgreSQL's bound-parameter limits
  const now = Date.parse(T0);
  let done = 0;
  for (const scopeId of scopeIds) {
    await conn.writeTransaction(async (trx) => {
      let rows: Array<{ scope_id: string; tbl: string; record_id: string; rev: number; deleted: number; data: string; updated_at: number; deleted_at: null }> = [];
      const flush = async () => {
        if (rows.length) await trx.insertInto('records').values(rows).execute();
        rows = [];
      };
      rows.push({ scope_id: scopeId, tbl: 'schoolYears', record_id: SCHOOL_YEAR_ID, rev: 1, deleted: 0, data: JSON.stringify(benchSchoolYear()), updated_at: now, deleted_at: null });
      for (let i = 0; i < perScope; i++) {
        const record = benchEntry(i);
        rows.push({ scope_id: scopeId, tbl: 'entries', record_id: record.id as string, rev: i + 2, deleted: 0, data: JSON.stringify(record), updated_at: now, deleted_at: null });
        if (rows.length === rowsPerInsert) await flush();
      }
      await flush();
      await trx.updateTable('scopes').set({ rev: perScope + 1 }).where('id', '=', scopeId).execute();
    });
    done += perScope + 1;
    onProgress?.(done);
  }
}

// ─── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

const adminUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database (sbd_bench_<random>) and how to drop it; null when no PostgreSQL answers. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    await admin.end().catch(() => undefined);
    return null;
  }
  const name = `sbd_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
