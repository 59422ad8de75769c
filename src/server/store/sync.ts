import { sql, type ExpressionBuilder } from 'kysely';
import { mergeMutation, CONFLICT_NOTICE, RESURRECT_NOTICE, type StoredRecord } from '../../sync/merge.ts';
import {
  DEFAULT_PULL_LIMIT,
  PULL_PAGE_BYTES,
  TOMBSTONE_DAYS,
  type Change,
  type MutationResult,
  type ScopeInfo,
  type SyncRequest,
  type SyncResponse,
} from '../../sync/protocol.ts';
import type { SyncTable } from '../../sync/tables.ts';
import type { Database, Db } from '../db/schema.ts';
import { DAY_MS, type StoreContext } from './context.ts';

/**
 * Push and pull (docs/sync.md). Authorisation lives in these queries: writes lock the scope row only
 * when the caller owns it; reads join the scope against the caller's access rules.
 */

const FORBIDDEN_MESSAGE = 'Bạn không có quyền ghi vào sổ này.';

/**
 * Scopes `userId` may read: her own; those of teachers she mentors; as tổ trưởng those of her tổ;
 * as ban giám hiệu those of her school. Only for an active user, only within her school.
 */
function readableBy(eb: ExpressionBuilder<Database & { s: Database['scopes'] }, 's'>, userId: string) {
  return eb.exists(
    eb
      .selectFrom('users as me')
      .innerJoin('users as owner', 'owner.id', 's.owner_id')
      .select(sql.lit(1).as('one'))
      .where('me.id', '=', userId)
      .where('me.active', '=', 1)
      .whereRef('me.school_id', '=', 's.school_id')
      .where((w) =>
        w.or([
          w('s.owner_id', '=', userId),
          w.exists(w.selectFrom('mentorships as m').select(sql.lit(1).as('one')).where('m.mentor_id', '=', userId).whereRef('m.teacher_id', '=', 's.owner_id')),
          w.exists(
            w
              .selectFrom('user_roles as r')
              .select(sql.lit(1).as('one'))
              .where('r.user_id', '=', userId)
              .where('r.role', '=', 'leader')
              .where((d) => d.or([d('r.department', '=', ''), d('r.department', '=', d.ref('owner.department'))])),
          ),
        ]),
      ),
  );
}

interface ScopeRow {
  id: string;
  owner_id: string;
  owner_name: string;
  rev: number;
  purged_rev: number;
}

export async function readableScopes(ctx: StoreContext, userId: string): Promise<ScopeRow[]> {
  const rows = await ctx.conn.db
    .selectFrom('scopes as s')
    .innerJoin('users as o', 'o.id', 's.owner_id')
    .select(['s.id', 's.owner_id', 'o.full_name as owner_name', 's.rev', 's.purged_rev'])
    .where((eb) => readableBy(eb, userId))
    .orderBy('o.full_name')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...r, rev: Number(r.rev), purged_rev: Number(r.purged_rev) }));
}

export async function sync(ctx: StoreContext, userId: string, request: SyncRequest): Promise<SyncResponse> {
  const results = request.mutations.length > 0 ? await push(ctx, userId, request) : [];
  return { results, ...(await pull(ctx, userId, request)) };
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

    // Lock every scope written to, in a fixed order; the lock only succeeds for the owner.
    const scopeIds = [...new Set(request.mutations.filter((m) => m.mutationId > last).map((m) => m.scopeId))].sort();
    const revs = new Map<string, number>();
    for (const scopeId of scopeIds) {
      const scope = await trx
        .selectFrom('scopes as s')
        .innerJoin('users as owner', 'owner.id', 's.owner_id')
        .select(['s.id', 's.rev'])
        .where('s.id', '=', scopeId)
        .where('s.owner_id', '=', userId)
        .where('owner.active', '=', 1)
        .$if(conn.kind === 'postgres', (q) => q.forUpdate('s'))
        .executeTakeFirst();
      if (scope) revs.set(scopeId, Number(scope.rev));
    }
    const startRevs = new Map(revs);

    const results: MutationResult[] = [];
    const iso = new Date(now).toISOString();
    for (const mutation of request.mutations) {
      if (mutation.mutationId <= last) {
        results.push({ mutationId: mutation.mutationId, status: 'duplicate' });
        continue;
      }
      last = mutation.mutationId;
      const rev = revs.get(mutation.scopeId);
      if (rev === undefined) {
        results.push({ mutationId: mutation.mutationId, status: 'rejected', code: 'forbidden', message: FORBIDDEN_MESSAGE });
        continue;
      }
      const row = await trx
        .selectFrom('records')
        .select(['data', 'deleted'])
        .where('scope_id', '=', mutation.scopeId)
        .where('tbl', '=', mutation.table)
        .where('record_id', '=', mutation.recordId)
        .executeTakeFirst();
      const current: StoredRecord | null = row ? { data: JSON.parse(row.data) as Record<string, unknown>, deleted: Number(row.deleted) === 1 } : null;
      const outcome = mergeMutation(current, mutation, { clientId: request.clientId, now: iso });
      if (outcome.kind === 'rejected') {
        results.push({ mutationId: mutation.mutationId, status: 'rejected', code: outcome.code, message: outcome.message });
        continue;
      }
      if (outcome.kind === 'noop') {
        results.push({ mutationId: mutation.mutationId, status: 'applied' });
        continue;
      }
      let next = rev + 1;
      await writeRecord(trx, mutation.scopeId, mutation.table, mutation.recordId, next, outcome.record, now);
      const result: Extract<MutationResult, { status: 'applied' }> = { mutationId: mutation.mutationId, status: 'applied', rev: next };
      if (outcome.conflict) {
        next += 1;
        await writeRecord(trx, mutation.scopeId, 'conflicts', outcome.conflict.id, next, { data: outcome.conflict, deleted: false }, now);
        result.conflictId = outcome.conflict.id;
        result.notice = CONFLICT_NOTICE;
      }
      if (outcome.resurrected) {
        result.resurrected = true;
        result.notice = result.notice ? `${RESURRECT_NOTICE} ${result.notice}` : RESURRECT_NOTICE;
      }
      revs.set(mutation.scopeId, next);
      results.push(result);
    }

    for (const [scopeId, rev] of revs) {
      if (rev !== startRevs.get(scopeId)) await trx.updateTable('scopes').set({ rev }).where('id', '=', scopeId).execute();
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

async function pull(ctx: StoreContext, userId: string, request: SyncRequest): Promise<Omit<SyncResponse, 'results'>> {
  const scopes = await readableScopes(ctx, userId);
  const byId = new Map(scopes.map((s) => [s.id, s]));
  const denied = Object.keys(request.cursors).filter((id) => !byId.has(id));
  // The user's own logbook is always pulled; other readable scopes when the client asks for them.
  const wanted = scopes.filter((s) => s.owner_id === userId || request.cursors[s.id] !== undefined);

  let budget = Math.min(request.limit ?? DEFAULT_PULL_LIMIT, DEFAULT_PULL_LIMIT * 2);
  let bytes = 0;
  let hasMore = false;
  const changes: Change[] = [];
  const cursors: Record<string, number> = {};
  const resync = new Set<string>();

  for (const scope of wanted) {
    let cursor = request.cursors[scope.id] ?? 0;
    // Older than the tombstone horizon (deletes it never saw are gone), or ahead of the server
    // (a restored backup): start the scope over.
    if ((cursor > 0 && cursor < scope.purged_rev) || cursor > scope.rev) {
      resync.add(scope.id);
      cursor = 0;
    }
    cursors[scope.id] = cursor;
    if (budget <= 0 || bytes >= PULL_PAGE_BYTES) {
      if (cursor < scope.rev) hasMore = true;
      continue;
    }
    const rows = await ctx.conn.db
      .selectFrom('records as r')
      .select(['r.tbl', 'r.record_id', 'r.rev', 'r.deleted', 'r.data'])
      .where('r.scope_id', '=', scope.id)
      .where('r.rev', '>', cursor)
      // Authorisation again in the read itself, not only in the scope list above.
      .where((eb) => eb.exists(eb.selectFrom('scopes as s').select(sql.lit(1).as('one')).whereRef('s.id', '=', 'r.scope_id').where((e) => readableBy(e, userId))))
      .orderBy('r.rev')
      .limit(budget + 1)
      .execute();
    let taken = 0;
    for (const row of rows) {
      if (taken === budget || (taken > 0 && bytes + row.data.length > PULL_PAGE_BYTES)) {
        hasMore = true;
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
    budget -= taken;
  }

  const info: ScopeInfo[] = scopes.map((s) => ({
    scopeId: s.id,
    ownerId: s.owner_id,
    ownerName: s.owner_name,
    access: s.owner_id === userId ? 'owner' : 'read',
    ...(resync.has(s.id) ? { resync: true } : {}),
  }));
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
