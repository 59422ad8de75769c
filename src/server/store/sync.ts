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
import type { Db } from '../db/schema.ts';
import { DAY_MS, type StoreContext } from './context.ts';
import { schoolContextFor } from './school.ts';
import { readableScopes, recordReadableBy, scopesWithAccess } from './scopeAccess.ts';
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

async function readRecord(trx: Db, scopeId: string, table: string, recordId: string): Promise<StoredRecord | null> {
  const row = await trx
    .selectFrom('records')
    .select(['data', 'deleted'])
    .where('scope_id', '=', scopeId)
    .where('tbl', '=', table)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return row ? { data: JSON.parse(row.data) as Record<string, unknown>, deleted: Number(row.deleted) === 1 } : null;
}

function teacherOf(record: StoredRecord | null): string | null {
  if (!record || record.deleted) return null;
  const id = record.data.teacherUserId;
  return typeof id === 'string' ? id : null;
}

async function push(ctx: StoreContext, userId: string, request: SyncRequest): Promise<MutationResult[]> {
  const { conn } = ctx;
  return conn.writeTransaction(async (trx) => {
    const now = ctx.now();
    // The device row is locked first: two copies of one batch (a retry racing the original) queue here.
    await trx
      .insertInto('devices')
      .values({ user_id: userId, client_id: request.clientId, last_mutation_id: 0, last_seen_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
      .execute();
    const device = await trx
      .selectFrom('devices')
      .select('last_mutation_id')
      .where('user_id', '=', userId)
      .where('client_id', '=', request.clientId)
      .$if(conn.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    let last = Number(device.last_mutation_id);

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
      const stored = await trx
        .selectFrom('records')
        .select(['scope_id', 'record_id', 'data', 'deleted'])
        .where('tbl', '=', 'observations')
        .where('scope_id', 'in', [...new Set(observationMutations.map((m) => m.scopeId))])
        .where('record_id', 'in', [...new Set(observationMutations.map((m) => m.recordId))])
        .execute();
      // Tombstones too: a put that brings an observation back writes its teacher's mirror again.
      for (const row of stored) {
        const teacher = teacherOf({ data: JSON.parse(row.data) as Record<string, unknown>, deleted: false });
        if (teacher) teachers.add(teacher);
      }
    }
    const teacherScopes = teachers.size > 0 ? await trx.selectFrom('scopes').select(['id', 'owner_id', 'school_id']).where('owner_id', 'in', [...teachers]).execute() : [];
    const scopeOfTeacher = new Map(teacherScopes.map((s) => [s.owner_id, s]));

    const locked = new Map<string, LockedScope>();
    const lock = async (scopeId: string) => {
      const row = await trx
        .selectFrom('scopes')
        .select(['id', 'owner_id', 'school_id', 'rev'])
        .where('id', '=', scopeId)
        .$if(conn.kind === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (row) locked.set(scopeId, { ...row, rev: Number(row.rev) });
      return locked.get(scopeId);
    };
    for (const scopeId of [...new Set([...scopeIds, ...teacherScopes.map((s) => s.id)])].sort()) await lock(scopeId);
    const startRevs = new Map([...locked].map(([id, s]) => [id, s.rev]));
    // Access under the locks: a mentor pair removed before this point is already seen.
    const access = new Map((await scopesWithAccess(trx, userId, now, scopeIds)).map((s) => [s.id, s.access]));
    const writer = await trx.selectFrom('users').select('full_name').where('id', '=', userId).executeTakeFirst();

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
        const copy = await readRecord(trx, oldTarget.id, 'observedLessons', recordId);
        if (copy && !copy.deleted) await writeRecord(trx, oldTarget.id, 'observedLessons', recordId, nextRev(oldTarget), { data: copy.data, deleted: true }, now);
      }
      if (newTarget) {
        const data = observedLessonSchema.safeParse({ ...after.data, id: recordId, observerUserId: source.owner_id, observerName: writer?.full_name ?? '', sourceScopeId: source.id });
        if (data.success) await writeRecord(trx, newTarget.id, 'observedLessons', recordId, nextRev(newTarget), { data: data.data, deleted: false }, now);
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
      const current = await readRecord(trx, original.scopeId, original.table, original.recordId);
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
      await writeRecord(trx, mutation.scopeId, mutation.table, mutation.recordId, rev, outcome.record, now);
      const result: Extract<MutationResult, { status: 'applied' }> = { mutationId: mutation.mutationId, status: 'applied', rev };
      if (outcome.conflict) {
        await writeRecord(trx, mutation.scopeId, 'conflicts', outcome.conflict.id, nextRev(scope), { data: outcome.conflict, deleted: false }, now);
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

    for (const [scopeId, scope] of locked) {
      if (scope.rev !== startRevs.get(scopeId)) await trx.updateTable('scopes').set({ rev: scope.rev }).where('id', '=', scopeId).execute();
    }
    await trx
      .updateTable('devices')
      .set({ last_mutation_id: last, last_seen_at: now })
      .where('user_id', '=', userId)
      .where('client_id', '=', request.clientId)
      .execute();
    return results;
  });
}

async function writeRecord(trx: Db, scopeId: string, table: string, recordId: string, rev: number, record: StoredRecord, now: number): Promise<void> {
  const values = {
    rev,
    deleted: record.deleted ? 1 : 0,
    data: JSON.stringify(record.data),
    updated_at: now,
    deleted_at: record.deleted ? now : null,
  };
  await trx
    .insertInto('records')
    .values({ scope_id: scopeId, tbl: table, record_id: recordId, ...values })
    .onConflict((oc) => oc.columns(['scope_id', 'tbl', 'record_id']).doUpdateSet(values))
    .execute();
}

interface ScopeState {
  rev: number;
  purged_rev: number;
  owner_last_sync_at: number | null;
}

/** Revisions and the owner's last push, read fresh on every request (never cached with the access list). */
async function scopeStates(ctx: StoreContext, ids: readonly string[]): Promise<Map<string, ScopeState>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.conn.db
    .selectFrom('scopes as s')
    .select((eb) => [
      's.id',
      's.rev',
      's.purged_rev',
      eb.selectFrom('devices as d').select((d) => d.fn.max('d.last_seen_at').as('m')).whereRef('d.user_id', '=', 's.owner_id').as('owner_last_sync_at'),
    ])
    .where('s.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { rev: Number(r.rev), purged_rev: Number(r.purged_rev), owner_last_sync_at: r.owner_last_sync_at == null ? null : Number(r.owner_last_sync_at) }]),
  );
}

async function pull(ctx: StoreContext, userId: string, request: SyncRequest): Promise<Omit<SyncResponse, 'results'>> {
  const scopes = await readableScopes(ctx, userId);
  const byId = new Map(scopes.map((s) => [s.id, s]));
  const denied = Object.keys(request.cursors).filter((id) => !byId.has(id));
  const states = await scopeStates(
    ctx,
    scopes.map((s) => s.id),
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
    if ((cursor > 0 && cursor < state.purged_rev) || cursor > state.rev) {
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
    const rows = await ctx.conn.db
      .selectFrom('records as r')
      .select(['r.tbl', 'r.record_id', 'r.rev', 'r.deleted', 'r.data'])
      .where('r.scope_id', '=', scope.id)
      .where('r.rev', '>', cursor)
      // Authorisation again in the read itself (access level and its tables), not only in the list above.
      .where((eb) => eb.exists(eb.selectFrom('scopes as s').select(sql.lit(1).as('one')).whereRef('s.id', '=', 'r.scope_id').where((e) => recordReadableBy(e, userId, e.ref('r.tbl'), scope.year))))
      .orderBy('r.rev')
      .limit(budget + 1)
      .execute();
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
    const lastSync = states.get(s.id)?.owner_last_sync_at ?? null;
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
