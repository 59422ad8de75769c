import { sql } from 'kysely';
import { observedLessonSchema } from '../../domain/observations.ts';
import { mergeMutation, CONFLICT_NOTICE, RESURRECT_NOTICE, type StoredRecord } from '../../sync/merge.ts';
import {
  DEFAULT_PULL_LIMIT,
  PULL_PAGE_BYTES,
  TOMBSTONE_DAYS,
  type Change,
  type Mutation,
  type MutationResult,
  type ScopeAccess,
  type ScopeInfo,
  type SyncRequest,
  type SyncResponse,
} from '../../sync/protocol.ts';
import { tableSpec, type SyncTable } from '../../sync/tables.ts';
import type { Connection } from '../db/connect.ts';
import { defineQuery, inList, type QueryDef, type QueryRunner } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import { DAY_MS, type StoreContext } from './context.ts';
import { pushed as scopesPushed, scopeStates } from './scopeStates.ts';
import { schoolContextFor } from './school.ts';
import { readableScopes, recordReadableAs, scopesWithAccess } from './scopeAccess.ts';
import { auditConfirmationWrite } from './audit.ts';

export { readableScopes };

/**
 * Push and pull (docs/sync.md). Authorisation lives in these queries: the push checks each mutation
 * against the writer's access to its scope and the table's write rule (SYNC_TABLES[table].write),
 * inside the write transaction; the pull joins every record against the reader's access rules.
 */

const MESSAGES = {
  noAccess: 'Bạn không có quyền ghi vào sổ này.',
  ownerOnly: 'Chỉ chủ sổ được ghi mục này.',
  leaderOnly: 'Chỉ tổ trưởng hoặc ban giám hiệu phụ trách giáo viên này được ghi xác nhận.',
  serverOnly: 'Mục này do máy chủ ghi; chỉ chủ sổ được xoá.',
  notAuthor: 'Bạn chỉ được sửa hoặc xoá nội dung do chính mình viết.',
} as const;

interface LockedScope {
  id: string;
  owner_id: string;
  school_id: string;
  rev: number;
}

// The hot path's queries, compiled once per connection (src/server/db/prepared.ts).
const deviceQuery = defineQuery<{ userId: string; clientId: string; now: number }, { last_mutation_id: number }>('sync.device', (db, p) =>
  db
    .insertInto('devices')
    .values({ user_id: p('userId'), client_id: p('clientId'), last_mutation_id: 0, last_seen_at: p('now') })
    // Updating the row (even to the same time) locks it on PostgreSQL: a retry racing the original waits here.
    .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({ last_seen_at: p('now') }))
    .returning('last_mutation_id'),
);
const lockScopeQuery = defineQuery<{ id: string }, LockedScope>('sync.lockScope', (db, p, kind) => {
  const query = db.selectFrom('scopes').select(['id', 'owner_id', 'school_id', 'rev']).where('id', '=', p('id'));
  return kind === 'postgres' ? query.forUpdate() : query;
});
const ownScopeQuery = defineQuery<{ userId: string }, { id: string }>('sync.ownScope', (db, p) => db.selectFrom('scopes').select('id').where('owner_id', '=', p('userId')));
const writerNameQuery = defineQuery<{ userId: string }, { full_name: string }>('sync.writerName', (db, p) => db.selectFrom('users').select('full_name').where('id', '=', p('userId')));
type RecordRow = { scope_id: string; tbl: string; record_id: string; data: string; deleted: number };
const recordQuery = defineQuery<{ scopeId: string; table: string; recordId: string }, RecordRow>('sync.record', (db, p) =>
  db
    .selectFrom('records')
    .select(['scope_id', 'tbl', 'record_id', 'data', 'deleted'])
    .where('scope_id', '=', p('scopeId'))
    .where('tbl', '=', p('table'))
    .where('record_id', '=', p('recordId')),
);
/** Every record a batch names, in one read (a superset of them: matched by key afterwards). */
const batchRecordsQuery = defineQuery<{ scopeIds: readonly string[]; tables: readonly string[]; recordIds: readonly string[] }, RecordRow>('sync.batchRecords', (db, p, kind) =>
  db
    .selectFrom('records')
    .select(['scope_id', 'tbl', 'record_id', 'data', 'deleted'])
    .where(() => inList(kind, sql.ref('scope_id'), p.list('scopeIds')))
    .where(() => inList(kind, sql.ref('tbl'), p.list('tables')))
    .where(() => inList(kind, sql.ref('record_id'), p.list('recordIds'))),
);
type RecordValues = { rev: number; deleted: number; data: string; updated_at: number; deleted_at: number | null };
const writeRecordQuery = defineQuery<{ scopeId: string; table: string; recordId: string; rev: number; deleted: number; data: string; now: number; deletedAt: number | null }>(
  'sync.writeRecord',
  (db, p) => {
    const values = { rev: p('rev'), deleted: p('deleted'), data: p('data'), updated_at: p('now'), deleted_at: p('deletedAt') };
    return db
      .insertInto('records')
      .values({ scope_id: p('scopeId'), tbl: p('table'), record_id: p('recordId'), ...values })
      .onConflict((oc) => oc.columns(['scope_id', 'tbl', 'record_id']).doUpdateSet(values));
  },
);
const scopeRevQuery = defineQuery<{ id: string; rev: number }>('sync.scopeRev', (db, p) => db.updateTable('scopes').set({ rev: p('rev') }).where('id', '=', p('id')));
const deviceLastQuery = defineQuery<{ userId: string; clientId: string; last: number }>('sync.deviceLast', (db, p) =>
  db.updateTable('devices').set({ last_mutation_id: p('last') }).where('user_id', '=', p('userId')).where('client_id', '=', p('clientId')),
);
type ChangeRow = { tbl: string; record_id: string; rev: number; deleted: number; data: string };
type ChangesParams = { scopeId: string; cursor: number; userId: string; year: number };
const changesQueries = new Map<string, QueryDef<ChangesParams, ChangeRow>>();

/**
 * Changes of one scope after a cursor, at most `limit` rows, with the reader's access level checked
 * in the query (one query per level). The limit is written into the SQL, rounded up to a power of
 * two (the caller stops reading at its own count): SQLite plans a LIMIT with its value, so a bound
 * one would make it prepare the statement again on every run.
 */
function changesQuery(access: ScopeAccess, limit: number): QueryDef<ChangesParams, ChangeRow> {
  const rows = 2 ** Math.ceil(Math.log2(Math.max(2, limit)));
  const key = `${access}:${rows}`;
  let query = changesQueries.get(key);
  if (!query) {
    query = defineQuery<ChangesParams, ChangeRow>(`sync.changes.${key}`, (db, p) =>
      db
        .selectFrom('records as r')
        .select(['r.tbl', 'r.record_id', 'r.rev', 'r.deleted', 'r.data'])
        .where('r.scope_id', '=', p('scopeId'))
        .where('r.rev', '>', p('cursor'))
        // Authorisation again in the read itself (access level and its tables), not only in the scope list.
        .where((eb) => recordReadableAs(eb, access, p('scopeId'), p('userId'), eb.ref('r.tbl'), p('year')))
        .orderBy('r.rev')
        .limit(sql.lit(rows)),
    );
    changesQueries.set(key, query);
  }
  return query;
}

export async function sync(ctx: StoreContext, userId: string, request: SyncRequest): Promise<SyncResponse> {
  const results = request.mutations.length > 0 ? await push(ctx, userId, request) : [];
  const pulled = await pull(ctx, userId, request);
  const school = await schoolContextFor(ctx, userId, request.schoolVersion);
  return { results, ...pulled, ...(school ? { school } : {}) };
}

/** The rejection of a mutation the writer may not make, or null when the rule allows it so far. */
function writeRule(access: ScopeAccess | undefined, mutation: Mutation): string | null {
  if (!access) return MESSAGES.noAccess;
  const rule = tableSpec(mutation.table).write;
  if (rule === 'owner' && access !== 'owner') return MESSAGES.ownerOnly;
  if (rule === 'leader' && access !== 'leader') return MESSAGES.leaderOnly;
  // Puts into server tables are refused by the merge (read_only_table); deletes are the owner's.
  if (rule === 'server' && mutation.op === 'delete' && access !== 'owner') return MESSAGES.serverOnly;
  return null;
}

function authoredBy(record: StoredRecord | null, userId: string): boolean {
  return !record || record.data.authorUserId === userId;
}

function stored(row: { data: string; deleted: number }): StoredRecord {
  return { data: JSON.parse(row.data) as Record<string, unknown>, deleted: Number(row.deleted) === 1 };
}

function teacherOf(record: StoredRecord | null): string | null {
  if (!record || record.deleted) return null;
  const id = record.data.teacherUserId;
  return typeof id === 'string' ? id : null;
}

const recordKey = (scopeId: string, table: string, recordId: string) => `${scopeId}\u0000${table}\u0000${recordId}`;

/**
 * The records one push reads and writes, inside its transaction. On PostgreSQL those the batch names
 * are read in one query up front and the writes go out together at the end (a round trip per record
 * would dominate a large batch); SQLite answers each read in microseconds in this process, so it
 * reads them one by one. Writes are kept here until then: a later mutation of the same record reads them.
 */
class BatchRecords {
  private readonly known = new Map<string, StoredRecord | null>();
  private readonly pending = new Map<string, { scopeId: string; table: string; recordId: string; values: RecordValues }>();
  constructor(
    private readonly trx: Db,
    private readonly run: QueryRunner,
    private readonly kind: Connection['kind'],
  ) {}

  async prefetch(mutations: readonly Mutation[]): Promise<void> {
    if (this.kind === 'sqlite' || mutations.length < 2) return;
    const distinct = <T>(values: T[]) => [...new Set(values)];
    const scopeIds = distinct(mutations.map((m) => m.scopeId));
    const tables = distinct(mutations.map((m) => m.table));
    const recordIds = distinct(mutations.map((m) => m.recordId));
    for (const m of mutations) this.known.set(recordKey(m.scopeId, m.table, m.recordId), null);
    for (const row of await this.run.all(batchRecordsQuery, { scopeIds, tables, recordIds })) {
      const key = recordKey(row.scope_id, row.tbl, row.record_id);
      if (this.known.has(key)) this.known.set(key, stored(row));
    }
  }

  async read(scopeId: string, table: string, recordId: string): Promise<StoredRecord | null> {
    const key = recordKey(scopeId, table, recordId);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const row = await this.run.first(recordQuery, { scopeId, table, recordId });
    const record = row ? stored(row) : null;
    this.known.set(key, record);
    return record;
  }

  write(scopeId: string, table: string, recordId: string, rev: number, record: StoredRecord, now: number): void {
    const key = recordKey(scopeId, table, recordId);
    this.known.set(key, record);
    const values = { rev, deleted: record.deleted ? 1 : 0, data: JSON.stringify(record.data), updated_at: now, deleted_at: record.deleted ? now : null };
    // A record written twice in one batch is stored once, with its last value and revision.
    this.pending.delete(key);
    this.pending.set(key, { scopeId, table, recordId, values });
  }

  async flush(): Promise<void> {
    const rows = [...this.pending.values()];
    this.pending.clear();
    if (this.kind === 'sqlite' || rows.length === 1) {
      // SQLite runs in this process: one prepared statement per row costs no round trip.
      for (const { scopeId, table, recordId, values: v } of rows) {
        await this.run.run(writeRecordQuery, { scopeId, table, recordId, rev: v.rev, deleted: v.deleted, data: v.data, now: v.updated_at, deletedAt: v.deleted_at });
      }
      return;
    }
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await this.trx
        .insertInto('records')
        .values(rows.slice(i, i + WRITE_CHUNK).map((r) => ({ scope_id: r.scopeId, tbl: r.table, record_id: r.recordId, ...r.values })))
        .onConflict((oc) =>
          oc.columns(['scope_id', 'tbl', 'record_id']).doUpdateSet((eb) => ({
            rev: eb.ref('excluded.rev'),
            deleted: eb.ref('excluded.deleted'),
            data: eb.ref('excluded.data'),
            updated_at: eb.ref('excluded.updated_at'),
            deleted_at: eb.ref('excluded.deleted_at'),
          })),
        )
        .execute();
    }
  }
}

/** Rows per multi-row upsert on PostgreSQL (8 parameters each, well under its 65,535). */
const WRITE_CHUNK = 500;

async function push(ctx: StoreContext, userId: string, request: SyncRequest): Promise<MutationResult[]> {
  const { conn } = ctx;
  const now = ctx.now();
  const { results, revs, ownScopeId } = await conn.writeTransaction(async (trx, run) => {
    // The device row is locked first: two copies of one batch (a retry racing the original) queue here.
    const device = await run.first(deviceQuery, { userId, clientId: request.clientId, now });
    const first = Number(device!.last_mutation_id);
    let last = first;

    const pending = request.mutations.filter((m) => m.mutationId > last);
    const scopeIds = [...new Set(pending.map((m) => m.scopeId))];
    // Scopes an observation may be mirrored into (its teacher's, before and after): locked with the
    // written scopes, all in id order, so two pushes never wait on each other in opposite orders.
    const teachers = new Set<string>();
    const observationMutations = pending.filter((m) => m.table === 'observations');
    for (const m of observationMutations) {
      if (m.op === 'put' && typeof m.fields.teacherUserId === 'string') teachers.add(m.fields.teacherUserId);
    }
    if (observationMutations.length > 0) {
      const observations = await trx
        .selectFrom('records')
        .select(['scope_id', 'record_id', 'data', 'deleted'])
        .where('tbl', '=', 'observations')
        .where('scope_id', 'in', [...new Set(observationMutations.map((m) => m.scopeId))])
        .where('record_id', 'in', [...new Set(observationMutations.map((m) => m.recordId))])
        .execute();
      // Tombstones too: a put that brings an observation back writes its teacher's mirror again.
      for (const row of observations) {
        const teacher = teacherOf({ data: JSON.parse(row.data) as Record<string, unknown>, deleted: false });
        if (teacher) teachers.add(teacher);
      }
    }
    const teacherScopes = teachers.size > 0 ? await trx.selectFrom('scopes').select(['id', 'owner_id', 'school_id']).where('owner_id', 'in', [...teachers]).execute() : [];
    const scopeOfTeacher = new Map(teacherScopes.map((s) => [s.owner_id, s]));

    const locked = new Map<string, LockedScope>();
    const lock = async (scopeId: string) => {
      const row = await run.first(lockScopeQuery, { id: scopeId });
      if (row) locked.set(scopeId, { ...row, rev: Number(row.rev) });
      return locked.get(scopeId);
    };
    for (const scopeId of [...new Set([...scopeIds, ...teacherScopes.map((s) => s.id)])].sort()) await lock(scopeId);
    const startRevs = new Map([...locked].map(([id, s]) => [id, s.rev]));
    // Access under the locks: a mentor pair removed before this point is already seen.
    const access = new Map((await scopesWithAccess(run, userId, now, scopeIds)).map((s) => [s.id, s.access]));
    const records = new BatchRecords(trx, run, conn.kind);
    await records.prefetch(pending);
    let writerName: string | undefined;

    const nextRev = (scope: LockedScope) => (scope.rev += 1);

    /** Keeps the teacher's read-only copy of an observation in step with it (docs/sync.md, mirrors). */
    const mirror = async (source: LockedScope, recordId: string, before: StoredRecord | null, after: StoredRecord) => {
      const target = async (teacherId: string | null): Promise<LockedScope | undefined> => {
        if (teacherId && !scopeOfTeacher.has(teacherId)) {
          // A teacher set by a concurrent push after our first read (rare): looked up and locked now.
          const late = await trx.selectFrom('scopes').select(['id', 'owner_id', 'school_id']).where('owner_id', '=', teacherId).executeTakeFirst();
          if (late) scopeOfTeacher.set(teacherId, late);
        }
        const scope = teacherId ? scopeOfTeacher.get(teacherId) : undefined;
        if (!scope || scope.school_id !== source.school_id || scope.owner_id === source.owner_id) return undefined;
        return locked.get(scope.id) ?? (await lock(scope.id));
      };
      const oldTarget = await target(teacherOf(before));
      const newTarget = await target(teacherOf(after));
      if (oldTarget && oldTarget !== newTarget) {
        const copy = await records.read(oldTarget.id, 'observedLessons', recordId);
        if (copy && !copy.deleted) records.write(oldTarget.id, 'observedLessons', recordId, nextRev(oldTarget), { data: copy.data, deleted: true }, now);
      }
      if (newTarget) {
        writerName ??= (await run.first(writerNameQuery, { userId }))?.full_name ?? '';
        const data = observedLessonSchema.safeParse({ ...after.data, id: recordId, observerUserId: source.owner_id, observerName: writerName, sourceScopeId: source.id });
        if (data.success) records.write(newTarget.id, 'observedLessons', recordId, nextRev(newTarget), { data: data.data, deleted: false }, now);
      }
    };

    const results: MutationResult[] = [];
    const forbidden = (mutationId: number, message: string) => results.push({ mutationId, status: 'rejected', code: 'forbidden', message });
    const iso = new Date(now).toISOString();
    for (const original of request.mutations) {
      if (original.mutationId <= last) {
        results.push({ mutationId: original.mutationId, status: 'duplicate' });
        continue;
      }
      last = original.mutationId;
      const scope = locked.get(original.scopeId);
      const scopeAccess = scope ? access.get(original.scopeId) : undefined;
      const refused = writeRule(scopeAccess, original);
      if (!scope || refused) {
        forbidden(original.mutationId, refused ?? MESSAGES.noAccess);
        continue;
      }
      const spec = tableSpec(original.table);
      const byAuthor = spec.write === 'author' || spec.write === 'leader';
      const current = await records.read(original.scopeId, original.table, original.recordId);
      if (byAuthor && !authoredBy(current, userId)) {
        forbidden(original.mutationId, MESSAGES.notAuthor);
        continue;
      }
      let mutation = original;
      if (scopeAccess !== 'owner' && original.op === 'put' && current) {
        // Conflict copies live in the owner's scope, which a mentor or leader may not read: their own
        // records take the later arrival (the base is the server's value) instead.
        const base = Object.fromEntries(spec.longText.filter((f) => f in original.fields).map((f) => [f, typeof current.data[f] === 'string' ? (current.data[f] as string) : null]));
        mutation = { ...original, base } satisfies Mutation;
      }
      const outcome = mergeMutation(current, mutation, { clientId: request.clientId, now: iso });
      if (outcome.kind === 'rejected') {
        results.push({ mutationId: mutation.mutationId, status: 'rejected', code: outcome.code, message: outcome.message });
        continue;
      }
      if (outcome.kind === 'noop') {
        results.push({ mutationId: mutation.mutationId, status: 'applied' });
        continue;
      }
      if (byAuthor && !outcome.record.deleted && outcome.record.data.authorUserId !== userId) {
        forbidden(mutation.mutationId, MESSAGES.notAuthor);
        continue;
      }
      const rev = nextRev(scope);
      records.write(mutation.scopeId, mutation.table, mutation.recordId, rev, outcome.record, now);
      const result: Extract<MutationResult, { status: 'applied' }> = { mutationId: mutation.mutationId, status: 'applied', rev };
      if (outcome.conflict) {
        records.write(mutation.scopeId, 'conflicts', outcome.conflict.id, nextRev(scope), { data: outcome.conflict, deleted: false }, now);
        result.conflictId = outcome.conflict.id;
        result.notice = CONFLICT_NOTICE;
      }
      if (outcome.resurrected) {
        result.resurrected = true;
        result.notice = result.notice ? `${RESURRECT_NOTICE} ${result.notice}` : RESURRECT_NOTICE;
      }
      if (mutation.table === 'observations') await mirror(scope, mutation.recordId, current, outcome.record);
      // A leader's "Xác nhận" is audited in the same transaction (leaders work, src/server/store/audit.ts).
      if (mutation.table === 'confirmations') {
        await auditConfirmationWrite(trx, { writerId: userId, scopeId: mutation.scopeId, recordId: mutation.recordId, deleted: outcome.record.deleted, record: outcome.record.data, at: now });
      }
      results.push(result);
    }

    await records.flush();
    const revs = new Map<string, { from: number; to: number }>();
    for (const [scopeId, scope] of locked) {
      const from = startRevs.get(scopeId)!;
      revs.set(scopeId, { from, to: scope.rev });
      if (scope.rev !== from) await run.run(scopeRevQuery, { id: scopeId, rev: scope.rev });
    }
    if (last !== first) await run.run(deviceLastQuery, { userId, clientId: request.clientId, last });
    const own = [...locked.values()].find((s) => s.owner_id === userId)?.id ?? (await run.first(ownScopeQuery, { userId }))?.id ?? null;
    return { results, revs, ownScopeId: own };
  });
  scopesPushed(ctx, ownScopeId, revs, now);
  if (conn.kind === 'postgres' && ctx.broadcast) {
    // Other workers cannot watch PostgreSQL for new revisions: they are told (not waited for).
    const moved = [...revs].filter(([, r]) => r.from !== r.to).map(([id]) => id);
    void ctx.broadcast({ type: 'scopesChanged', scopeIds: ownScopeId ? [...moved, ownScopeId] : moved });
  }
  return results;
}

async function pull(ctx: StoreContext, userId: string, request: SyncRequest): Promise<Omit<SyncResponse, 'results'>> {
  const scopes = await readableScopes(ctx, userId);
  const byId = new Map(scopes.map((s) => [s.id, s]));
  const denied = Object.keys(request.cursors).filter((id) => !byId.has(id));
  const states = await scopeStates(
    ctx,
    scopes.map((s) => s.id),
    request.cursors,
  );
  // The user's own logbook is always pulled; other readable scopes when the client asks for them.
  const wanted = scopes.filter((s) => s.owner_id === userId || request.cursors[s.id] !== undefined);

  let budget = Math.min(request.limit ?? DEFAULT_PULL_LIMIT, DEFAULT_PULL_LIMIT * 2);
  let bytes = 0;
  let hasMore = false;
  const changes: Change[] = [];
  const cursors: Record<string, number> = {};
  const resync = new Set<string>();

  for (const scope of wanted) {
    const state = states.get(scope.id);
    if (!state) continue;
    let cursor = request.cursors[scope.id] ?? 0;
    // Older than the tombstone horizon (deletes it never saw are gone), or ahead of the server
    // (a restored backup): start the scope over.
    if ((cursor > 0 && cursor < state.purgedRev) || cursor > state.rev) {
      resync.add(scope.id);
      cursor = 0;
    }
    cursors[scope.id] = cursor;
    // Nothing new (the usual case for a leader's many scopes): no record query at all.
    if (cursor >= state.rev) continue;
    if (budget <= 0 || bytes >= PULL_PAGE_BYTES) {
      if (cursor < state.rev) hasMore = true;
      continue;
    }
    const rows = await ctx.conn.query.all(changesQuery(scope.access, budget + 1), { scopeId: scope.id, cursor, userId, year: scope.year });
    let taken = 0;
    let full = false;
    for (const row of rows) {
      if (taken === budget || (taken > 0 && bytes + row.data.length > PULL_PAGE_BYTES)) {
        hasMore = full = true;
        break;
      }
      const deleted = Number(row.deleted) === 1;
      changes.push({
        scopeId: scope.id,
        rev: Number(row.rev),
        table: row.tbl as SyncTable,
        id: row.record_id,
        deleted,
        record: deleted ? null : (JSON.parse(row.data) as Record<string, unknown>),
      });
      bytes += deleted ? 0 : row.data.length;
      cursors[scope.id] = Number(row.rev);
      taken += 1;
    }
    // Everything readable up to the scope's revision was read: a mentor's cursor moves past the
    // records she may not read, so the next pull does not walk them again.
    if (!full) cursors[scope.id] = Math.max(cursors[scope.id]!, state.rev);
    budget -= taken;
  }

  const info: ScopeInfo[] = scopes.map((s) => {
    const lastSync = states.get(s.id)?.ownerLastSyncAt ?? null;
    return {
      scopeId: s.id,
      ownerId: s.owner_id,
      ownerName: s.owner_name,
      access: s.access,
      ownerLastSyncAt: lastSync === null ? null : new Date(lastSync).toISOString(),
      ...(resync.has(s.id) ? { resync: true } : {}),
    };
  });
  return { changes, cursors, hasMore, scopes: info, denied, serverTime: new Date(ctx.now()).toISOString() };
}

/**
 * Removes tombstones older than TOMBSTONE_DAYS and raises each scope's purge horizon, so a client
 * whose cursor predates a purged delete is told to resync. Returns how many were removed.
 */
export async function purgeTombstones(ctx: StoreContext, days = TOMBSTONE_DAYS): Promise<number> {
  const horizon = ctx.now() - days * DAY_MS;
  const { conn } = ctx;
  const scopes = await conn.db
    .selectFrom('records')
    .select(['scope_id', (eb) => eb.fn.max('rev').as('max_rev')])
    .where('deleted', '=', 1)
    .where('deleted_at', '<', horizon)
    .groupBy('scope_id')
    .execute();
  let removed = 0;
  for (const { scope_id: scopeId } of scopes) {
    removed += await conn.writeTransaction(async (trx) => {
      const scope = await trx
        .selectFrom('scopes')
        .select('purged_rev')
        .where('id', '=', scopeId)
        .$if(conn.kind === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      const maxRev = await trx
        .selectFrom('records')
        .select((eb) => eb.fn.max('rev').as('max_rev'))
        .where('scope_id', '=', scopeId)
        .where('deleted', '=', 1)
        .where('deleted_at', '<', horizon)
        .executeTakeFirst();
      if (!scope || maxRev?.max_rev == null) return 0;
      const purgedRev = Math.max(Number(scope.purged_rev), Number(maxRev.max_rev));
      await trx.updateTable('scopes').set({ purged_rev: purgedRev }).where('id', '=', scopeId).execute();
      const result = await trx.deleteFrom('records').where('scope_id', '=', scopeId).where('deleted', '=', 1).where('deleted_at', '<', horizon).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
  return removed;
}
