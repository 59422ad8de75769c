import Dexie, { type Table } from 'dexie';
import { LOGBOOK_SCHEMA_VERSION, type Entry } from '../../domain/records.ts';
import { MAX_MUTATIONS_PER_REQUEST, MAX_PULL_LIMIT, type Change, type Mutation, type SessionResponse, type SyncRequest, type SyncResponse } from '../../sync/protocol.ts';
import { isLongTextField, SYNC_TABLE_NAMES, SYNC_TABLES, tableSpec, type SyncTable } from '../../sync/tables.ts';
import { fromStoredEntry, toPendingEntry, toStoredEntry, type ForeignRecordRow, type LogbookDatabase, type OutboxRow, type ShadowRow, type StoredEntry } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { adoptSchoolYearDates } from '../db/schoolYearDates.ts';
import type { ServerApi } from './api.ts';
import { deleteMeta, getClientId, getNotices, readMeta, writeMeta, type Inflight, type KnownScope, type SyncNotice } from './state.ts';

/**
 * The sync engine (docs/sync.md, "Sync client"): builds mutations from the outbox at send time,
 * pushes and pulls in one round trip, and applies each answer in one Dexie transaction.
 *
 * Invariants:
 * - an outbox row is deleted only when the server answered applied/duplicate/rejected for it;
 * - a pulled change never overwrites a record that still has outbox rows (only its shadow moves);
 * - nothing is wiped while the outbox is not empty; a resync removes only records the server once
 *   sent, no longer has, and that have no outbox row.
 * Other people's logbooks the user reads (a mentee's, a tổ member's) are pulled into db.foreign, each
 * with its own cursor; outbox rows with a scopeId (the user's annotations and confirmations there)
 * are sent to that scope.
 */

/** Every synced table of the user's own scope has a Dexie table of the same name. */
type LocalTable = SyncTable;
const LOCAL_TABLES: readonly LocalTable[] = SYNC_TABLE_NAMES;
/** Order of the first upload: parents first; only tables the owner writes. */
const UPLOAD_ORDER: readonly LocalTable[] = SYNC_TABLE_NAMES.filter((t) => SYNC_TABLES[t].write === 'owner');
/** Stay well below the server's 2 MB body cap. */
const MAX_BATCH_BYTES = 1_500_000;

function isLocalTable(table: string): table is LocalTable {
  return (LOCAL_TABLES as readonly string[]).includes(table);
}

function recordTable(db: LogbookDatabase, table: LocalTable): Table<Record<string, unknown>, string> {
  return db.table(table);
}

function allTables(db: LogbookDatabase) {
  return [...LOCAL_TABLES.map((t) => db.table(t)), db.foreign, db.shadows, db.outbox, db.meta];
}

/** The record as synced: entries without their derived search words. */
function toWire(table: LocalTable, stored: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'entries') return stored;
  return fromStoredEntry(stored as unknown as StoredEntry) as unknown as Record<string, unknown>;
}

/**
 * The server's copy of a record of the user's own scope, as the merge needs it: its shadow row — or,
 * for an entry sync stored exactly as received (StoredEntry.syncedGen), the row itself, which is newer
 * than any shadow row left from before.
 */
function serverCopy(table: LocalTable, stored: Record<string, unknown> | undefined, shadow: ShadowRow | undefined): ShadowRow | undefined {
  if (table !== 'entries' || typeof stored?.syncedGen !== 'number') return shadow;
  return { table, id: String(stored.id), data: toWire(table, stored), gen: stored.syncedGen };
}

/** Ids of entries stored as the server's copy (StoredEntry.syncedGen), with their generation; reads every entry. */
async function syncedEntries(db: LogbookDatabase): Promise<Map<string, number>> {
  const synced = new Map<string, number>();
  await db.entries.each((row) => {
    if (row.syncedGen !== undefined) synced.set(row.id, row.syncedGen);
  });
  return synced;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

// ─── Connection ──────────────────────────────────────────────────────────────────────────────────

/**
 * Stores a fresh session. Logging in as someone other than the user whose logbook this device last
 * synced starts over (shadows and cursors forgotten, everything local queued for upload); the
 * outbox is always kept.
 */
export async function connect(db: LogbookDatabase, serverUrl: string, session: SessionResponse): Promise<void> {
  await db.transaction('rw', [db.meta, db.shadows, db.foreign, db.outbox, db.entries], async () => {
    const previous = await readMeta(db, 'sync.shadowUser');
    if (previous !== undefined && previous !== session.user.id) {
      await db.shadows.clear();
      // Entries that were the previous user's server copies are, for this user, local records to upload.
      await db.entries
        .filter((row) => row.syncedGen !== undefined)
        .modify((row) => {
          delete row.syncedGen;
        });
      await deleteMeta(db, 'sync.cursors');
      await deleteMeta(db, 'sync.inflight');
      await deleteMeta(db, 'sync.resync');
      await deleteMeta(db, 'sync.lastSyncedAt');
      // The previous user's view of other people's logbooks is not for this user.
      const pending = await pendingForeign(db, null);
      await db.foreign.filter((row) => !pending.has(foreignKey(row.scopeId, row.table, row.id))).delete();
      await deleteMeta(db, 'sync.scopes');
      await deleteMeta(db, 'sync.foreignResync');
      await deleteMeta(db, 'school.context');
    }
    await writeMeta(db, 'sync.shadowUser', session.user.id);
    await writeMeta(db, 'sync.connection', { serverUrl, token: session.token, user: session.user, needsLogin: false });
  });
}

/** Forgets the session; the outbox, shadows and cursors stay so the next login carries on. */
export async function disconnect(db: LogbookDatabase): Promise<void> {
  await deleteMeta(db, 'sync.connection');
}

/** The server refused the token: keep everything, wait for a new login. */
export async function markNeedsLogin(db: LogbookDatabase): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const connection = await readMeta(db, 'sync.connection');
    if (connection) await writeMeta(db, 'sync.connection', { ...connection, token: null, needsLogin: true });
  });
}

// ─── First upload ────────────────────────────────────────────────────────────────────────────────

/**
 * First connect: every local record that has neither an outbox row nor a shadow is queued, so the
 * teacher's existing logbook reaches the server. Ids are client UUIDs: a re-upload is idempotent.
 */
export async function queueFirstUpload(db: LogbookDatabase, userId: string): Promise<number> {
  return db.transaction('rw', [...UPLOAD_ORDER.map((t) => db.table(t)), db.shadows, db.outbox, db.meta], async () => {
    if ((await readMeta(db, 'sync.uploadedFor')) === userId) return 0;
    const queued = new Set((await db.outbox.toArray()).map((r) => `${r.table}\u0000${r.recordId}`));
    const shadowed = new Set((await db.shadows.toCollection().primaryKeys()).map(([table, id]) => `${table}\u0000${id}`));
    for (const id of (await syncedEntries(db)).keys()) shadowed.add(`entries\u0000${id}`);
    const at = nowIso();
    const rows: OutboxRow[] = [];
    for (const table of UPLOAD_ORDER) {
      const ids = (await recordTable(db, table).toCollection().primaryKeys()) as string[];
      for (const id of ids) {
        const key = `${table}\u0000${id}`;
        if (!queued.has(key) && !shadowed.has(key)) rows.push({ table, recordId: id, op: 'put', at });
      }
    }
    if (rows.length > 0) await db.outbox.bulkAdd(rows);
    await writeMeta(db, 'sync.uploadedFor', userId);
    return rows.length;
  });
}

// ─── Building a batch ────────────────────────────────────────────────────────────────────────────

/**
 * The next batch from the outbox: one mutation per record (its outbox rows coalesced), the changed
 * fields against the shadow, and for long text the shadow's value as `base`. Persisted as the
 * in-flight batch (with the mutation counter) before it is sent, so a retry resends it unchanged.
 * Rows whose record already equals its shadow are dropped here (an edit undone).
 */
export async function buildBatch(db: LogbookDatabase, userId: string, scopeId: string | null): Promise<Inflight | null> {
  return db.transaction('rw', allTables(db), async () => {
    const inflight = await readMeta(db, 'sync.inflight');
    if (inflight) return inflight;
    const rows = await db.outbox.orderBy('seq').toArray();
    if (rows.length === 0) return null;

    type Group = { table: LocalTable; recordId: string; maxSeq: number; scopeId: string | undefined };
    const groups = new Map<string, Group>();
    for (const row of rows) {
      const foreignScope = normalizeScope(row.scopeId, scopeId);
      // Own-scope rows wait while the user has no logbook of her own (a leader-only account).
      if (!foreignScope && !scopeId) continue;
      const key = foreignKey(foreignScope ?? '', row.table, row.recordId);
      const group = groups.get(key);
      if (group) group.maxSeq = Math.max(group.maxSeq, row.seq!);
      else groups.set(key, { table: row.table, recordId: row.recordId, maxSeq: row.seq!, scopeId: foreignScope });
    }

    let counter = (await readMeta(db, 'sync.mutationCounter')) ?? 0;
    const mutations: Mutation[] = [];
    const covers: Inflight['covers'] = [];
    const dropped: Group[] = [];
    let bytes = 0;
    for (const group of groups.values()) {
      if (mutations.length >= MAX_MUTATIONS_PER_REQUEST || bytes >= MAX_BATCH_BYTES) break;
      const { table, recordId } = group;
      if (!isLocalTable(table) || !(table in SYNC_TABLES)) {
        dropped.push(group);
        continue;
      }
      const target = group.scopeId ?? scopeId!;
      const stored = group.scopeId ? (await db.foreign.get([group.scopeId, table, recordId]))?.data : await recordTable(db, table).get(recordId);
      const shadowRow = await db.shadows.get([table, recordId]);
      const shadow = group.scopeId ? shadowRow : serverCopy(table, stored, shadowRow);
      let mutation: Mutation;
      if (stored) {
        if (!tableSpec(table as SyncTable).clientPut) {
          // Conflict copies are written by the server only; a local copy never needs uploading.
          dropped.push(group);
          continue;
        }
        const record = toWire(table, stored);
        const fields: Record<string, unknown> = {};
        const base: Record<string, string | null> = {};
        for (const [field, value] of Object.entries(record)) {
          if (field === 'id') continue;
          if (shadow && sameValue(shadow.data[field], value)) continue;
          fields[field] = value;
          if (shadow && isLongTextField(table as SyncTable, field)) {
            const before = shadow.data[field];
            base[field] = typeof before === 'string' ? before : null;
          }
        }
        if (Object.keys(fields).length === 0) {
          dropped.push(group);
          continue;
        }
        counter += 1;
        mutation = { mutationId: counter, scopeId: target, table: table as SyncTable, recordId, op: 'put', fields };
        if (Object.keys(base).length > 0) mutation.base = base;
      } else {
        counter += 1;
        mutation = { mutationId: counter, scopeId: target, table: table as SyncTable, recordId, op: 'delete' };
      }
      bytes += JSON.stringify(mutation).length * 2;
      if (mutations.length > 0 && bytes > MAX_BATCH_BYTES) {
        counter -= 1;
        break;
      }
      mutations.push(mutation);
      covers.push({ mutationId: mutation.mutationId, table, recordId, maxSeq: group.maxSeq, ...(group.scopeId ? { scopeId: group.scopeId } : {}) });
    }

    for (const group of dropped) await deleteCovered(db, group.scopeId, group.table, group.recordId, group.maxSeq, scopeId);
    if (mutations.length === 0) return null;
    const batch: Inflight = { userId, mutations, covers };
    await writeMeta(db, 'sync.mutationCounter', counter);
    await writeMeta(db, 'sync.inflight', batch);
    return batch;
  });
}

/** The scope of an outbox row when it is someone else's logbook; undefined for the user's own. */
function normalizeScope(rowScope: string | undefined, ownScope: string | null): string | undefined {
  return rowScope && rowScope !== ownScope ? rowScope : undefined;
}

async function deleteCovered(db: LogbookDatabase, scopeId: string | undefined, table: LocalTable, recordId: string, maxSeq: number, ownScope: string | null): Promise<void> {
  await db.outbox
    .where('recordId')
    .equals(recordId)
    .filter((r) => r.table === table && r.seq! <= maxSeq && normalizeScope(r.scopeId, ownScope) === scopeId)
    .delete();
}

// ─── Applying an answer ──────────────────────────────────────────────────────────────────────────

export interface ApplyOutcome {
  resyncDone: boolean;
  conflicts: number;
  rejected: number;
  /** Another request must follow to pull a scope not pulled yet or restarted from 0. */
  pullAgain: boolean;
}

/**
 * One answer of POST /api/sync, applied in one transaction: acknowledgements (outbox rows deleted,
 * shadows advanced, rejections noted), the scope list (new, lost, access changed), then the page of
 * changes with its cursors — the user's own scope into its tables, the others into db.foreign.
 */
export async function applyResponse(db: LogbookDatabase, batch: Inflight | null, response: SyncResponse, ownScope: string | null): Promise<ApplyOutcome> {
  return db.transaction('rw', allTables(db), async () => {
    const notices: SyncNotice[] = [];
    let conflicts = 0;
    let rejected = 0;

    if (batch) {
      const byId = new Map(batch.mutations.map((m) => [m.mutationId, m]));
      const covers = new Map(batch.covers.map((c) => [c.mutationId, c]));
      for (const result of response.results) {
        const mutation = byId.get(result.mutationId);
        const cover = covers.get(result.mutationId);
        if (!mutation || !cover) continue;
        await deleteCovered(db, cover.scopeId, cover.table, cover.recordId, cover.maxSeq, ownScope);
        if (result.status === 'rejected') {
          rejected += 1;
          notices.push({ id: `${batch.userId}:${result.mutationId}`, at: nowIso(), table: mutation.table, recordId: mutation.recordId, message: result.message, code: result.code });
          if (cover.scopeId) await revertForeign(db, cover.scopeId, cover.table, cover.recordId, ownScope);
          // Never accepted in her own logbook either (a note someone else wrote there): back to the server's.
          else if (result.code === 'forbidden') await revertOwn(db, cover.table, cover.recordId);
          continue;
        }
        // Acknowledged: the server now holds (at least) what was sent.
        if (mutation.op === 'delete') {
          await db.shadows.delete([mutation.table, mutation.recordId]);
        } else {
          const shadow = await db.shadows.get([mutation.table, mutation.recordId]);
          const gen = (await readMeta(db, 'sync.gen')) ?? 0;
          await db.shadows.put({
            table: mutation.table,
            id: mutation.recordId,
            data: { ...(shadow?.data ?? {}), ...mutation.fields, id: mutation.recordId },
            gen: shadow?.gen ?? gen,
            ...(cover.scopeId ? { scopeId: cover.scopeId } : {}),
          });
        }
        if (result.status === 'applied') {
          if (result.conflictId) conflicts += 1;
          if (result.resurrected && result.notice) {
            notices.push({ id: `${batch.userId}:${result.mutationId}`, at: nowIso(), table: mutation.table, recordId: mutation.recordId, message: result.notice });
          }
        }
      }
      // Mutations the server did not answer stay in the outbox and are rebuilt with new ids.
      await deleteMeta(db, 'sync.inflight');
    }

    // Scope bookkeeping: a resync restarts the scope; denied scopes are forgotten.
    let gen = (await readMeta(db, 'sync.gen')) ?? 0;
    const resyncScope = response.scopes.find((s) => s.resync && s.scopeId === ownScope);
    if (resyncScope) {
      gen += 1;
      await writeMeta(db, 'sync.gen', gen);
      await writeMeta(db, 'sync.resync', { scopeId: resyncScope.scopeId, gen });
    }

    const cursors = { ...((await readMeta(db, 'sync.cursors')) ?? {}) };
    const known = new Map(((await readMeta(db, 'sync.scopes')) ?? []).map((k) => [k.scopeId, k]));
    const foreignResync = { ...((await readMeta(db, 'sync.foreignResync')) ?? {}) };
    const readable = new Map(response.scopes.map((s) => [s.scopeId, s]));
    let pullAgain = false;

    // Scopes no longer readable (mentor pair removed, moved to another tổ): their records go, except
    // those with outbox rows (sent and answered 'forbidden' next, then removed).
    const lost = new Set([...response.denied, ...[...known.keys()].filter((id) => !readable.has(id))]);
    lost.delete(ownScope ?? '');
    for (const scopeId of lost) {
      await dropForeign(db, scopeId, ownScope, () => true);
      delete cursors[scopeId];
      delete foreignResync[scopeId];
    }

    // Someone else's scope whose access changed, or that the server restarts, is pulled again from 0;
    // at its end, records not received again are removed (their tables may no longer be readable).
    const restarted = new Set<string>();
    for (const scope of response.scopes) {
      if (scope.scopeId === ownScope) continue;
      const before = known.get(scope.scopeId);
      const accessChanged = before !== undefined && before.access !== scope.access && cursors[scope.scopeId] !== undefined;
      if (scope.resync || accessChanged) {
        gen += 1;
        await writeMeta(db, 'sync.gen', gen);
        foreignResync[scope.scopeId] = gen;
        if (accessChanged) restarted.add(scope.scopeId);
      }
      if (response.cursors[scope.scopeId] === undefined && cursors[scope.scopeId] === undefined) pullAgain = true;
    }

    await applyChanges(
      db,
      response.changes.filter((change) => change.scopeId === ownScope),
      gen,
    );
    await applyForeignChanges(
      db,
      response.changes.filter((change) => change.scopeId !== ownScope && readable.has(change.scopeId)),
      gen,
      ownScope,
    );

    for (const [scopeId, rev] of Object.entries(response.cursors)) {
      if (scopeId === ownScope || (readable.has(scopeId) && !lost.has(scopeId))) cursors[scopeId] = rev;
    }
    for (const scopeId of restarted) cursors[scopeId] = 0;
    if (restarted.size > 0) pullAgain = true;
    await writeMeta(db, 'sync.cursors', cursors);

    const scopes: KnownScope[] = response.scopes.map((s) => ({
      scopeId: s.scopeId,
      ownerId: s.ownerId,
      ownerName: s.ownerName,
      access: s.access,
      ownerLastSyncAt: s.ownerLastSyncAt ?? null,
      lastSyncedAt: known.get(s.scopeId)?.lastSyncedAt ?? null,
    }));
    // Written only when it changed: live queries of the scope list do not rerun on every page.
    if (!sameValue(scopes, [...known.values()])) await writeMeta(db, 'sync.scopes', scopes);
    if (response.school) await writeMeta(db, 'school.context', response.school);
    // The school's semester dates win over the logbook's own for the years it set (issue #7).
    await adoptSchoolYearDates(db, (response.school ?? (await readMeta(db, 'school.context')))?.settings.schoolYears);

    let resyncDone = false;
    if (!response.hasMore) resyncDone = await finishResync(db);
    if (!response.hasMore && !pullAgain) {
      for (const [scopeId, since] of Object.entries(foreignResync)) {
        await dropForeign(db, scopeId, ownScope, (row) => (row.gen ?? -1) < since);
        delete foreignResync[scopeId];
      }
    }
    if (!sameValue(foreignResync, (await readMeta(db, 'sync.foreignResync')) ?? {})) await writeMeta(db, 'sync.foreignResync', foreignResync);

    if (notices.length > 0) await writeMeta(db, 'sync.notices', [...(await getNotices(db)), ...notices]);
    return { resyncDone, conflicts, rejected, pullAgain };
  });
}

/** `scopeId\u0000table\u0000id`: one key per record of other people's logbooks. */
function foreignKey(scopeId: string, table: string, id: string): string {
  return `${scopeId}\u0000${table}\u0000${id}`;
}

/** Keys of foreign records that still have outbox rows. */
async function pendingForeign(db: LogbookDatabase, ownScope: string | null): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const row of await db.outbox.toArray()) {
    const scopeId = normalizeScope(row.scopeId, ownScope);
    if (scopeId) keys.add(foreignKey(scopeId, row.table, row.recordId));
  }
  return keys;
}

/** Removes a scope's foreign records matching `which` (and their shadows), except those with outbox rows. */
async function dropForeign(db: LogbookDatabase, scopeId: string, ownScope: string | null, which: (row: ForeignRecordRow) => boolean): Promise<void> {
  const pending = await pendingForeign(db, ownScope);
  const rows = await db.foreign.where('[scopeId+table]').between([scopeId, Dexie.minKey], [scopeId, Dexie.maxKey]).toArray();
  const gone = rows.filter((row) => which(row) && !pending.has(foreignKey(row.scopeId, row.table, row.id)));
  if (gone.length === 0) return;
  await db.foreign.bulkDelete(gone.map((row): [string, string, string] => [row.scopeId, row.table, row.id]));
  await db.shadows.bulkDelete(gone.map((row): [string, string] => [row.table, row.id]));
}

/**
 * A rejected edit of someone else's logbook: the local copy goes back to what the server has (its
 * shadow), or away when the server never had it — unless newer edits of it are still queued.
 */
async function revertForeign(db: LogbookDatabase, scopeId: string, table: LocalTable, id: string, ownScope: string | null): Promise<void> {
  if ((await pendingForeign(db, ownScope)).has(foreignKey(scopeId, table, id))) return;
  const shadow = await db.shadows.get([table, id]);
  if (shadow) await db.foreign.put({ scopeId, table, id, data: shadow.data, gen: shadow.gen });
  else await db.foreign.delete([scopeId, table, id]);
}

/** A refused edit of a record of the user's own scope, with no newer edit queued: back to its shadow, or away. */
async function revertOwn(db: LogbookDatabase, table: LocalTable, id: string): Promise<void> {
  if ((await pendingKeys(db)).has(recordKey(table, id))) return;
  const stored = await recordTable(db, table).get(id);
  // Already the server's copy: nothing to put back.
  if (serverCopy(table, stored, undefined)) return;
  const shadow = await db.shadows.get([table, id]);
  if (!shadow) await recordTable(db, table).delete(id);
  else await recordTable(db, table).put(table === 'entries' ? (toStoredEntry(shadow.data as unknown as Entry) as unknown as Record<string, unknown>) : shadow.data);
}

/**
 * Applies pulled records of other people's logbooks to db.foreign. A record with outbox rows (the
 * user's own annotation or confirmation, edited here) keeps its local edits and only takes the
 * server's values of fields not edited here, like the own scope. Records the user wrote keep shadows
 * so that her next edit sends only what changed.
 */
async function applyForeignChanges(db: LogbookDatabase, changes: readonly Change[], gen: number, ownScope: string | null): Promise<void> {
  const local = changes.filter((change): change is Change & { table: LocalTable } => isLocalTable(change.table));
  if (local.length === 0) return;
  const pending = await pendingForeign(db, ownScope);
  const me = await readMeta(db, 'sync.shadowUser');
  const puts = new Map<string, ForeignRecordRow>();
  const deletes = new Map<string, [string, string, string]>();
  for (const change of local) {
    const { scopeId, table, id } = change;
    const key = foreignKey(scopeId, table, id);
    const isPending = pending.has(key);
    if (change.deleted || !change.record) {
      await db.shadows.delete([table, id]);
      if (!isPending) {
        puts.delete(key);
        deletes.set(key, [scopeId, table, id]);
      }
      continue;
    }
    const parsed = SYNC_TABLES[table].schema.safeParse(change.record);
    const record: Record<string, unknown> = { ...(parsed.success ? (parsed.data as Record<string, unknown>) : change.record), id };
    const shadow = await db.shadows.get([table, id]);
    if (!isPending) {
      deletes.delete(key);
      puts.set(key, { scopeId, table, id, data: record, gen });
      if (shadow || (me !== undefined && record.authorUserId === me)) await db.shadows.put({ table, id, data: record, gen, scopeId });
      continue;
    }
    const stored = puts.get(key)?.data ?? (await db.foreign.get([scopeId, table, id]))?.data;
    const data: Record<string, unknown> = { ...record };
    if (shadow && stored) {
      const mine: Record<string, unknown> = { ...stored };
      for (const [field, value] of Object.entries(record)) {
        if (field === 'id') continue;
        if (sameValue(stored[field], shadow.data[field])) mine[field] = value;
        else if (isLongTextField(table, field)) data[field] = shadow.data[field];
      }
      puts.set(key, { scopeId, table, id, data: mine, gen });
    } else if (stored) {
      puts.set(key, { scopeId, table, id, data: stored, gen });
    }
    await db.shadows.put({ table, id, data, gen, scopeId });
  }
  if (deletes.size > 0) await db.foreign.bulkDelete([...deletes.values()]);
  if (puts.size > 0) await db.foreign.bulkPut([...puts.values()]);
}

/** `table\u0000id`: one key per record across tables. */
function recordKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** Tables and ids of every record that still has outbox rows (read once per transaction). */
async function pendingKeys(db: LogbookDatabase): Promise<Set<string>> {
  return new Set((await db.outbox.toArray()).map((r) => recordKey(r.table, r.recordId)));
}

type Write<T> = { put: T } | { put?: undefined };

/**
 * Applies a page of pulled changes (in order, as if one by one) with one outbox read, bulk reads of
 * what the pending records need, and bulk writes per table: the last write to a record wins, as it
 * would have one change at a time.
 */
async function applyChanges(db: LogbookDatabase, changes: readonly Change[], gen: number): Promise<void> {
  const local = changes.filter((change): change is Change & { table: LocalTable } => isLocalTable(change.table));
  if (local.length === 0) return;
  const pending = await pendingKeys(db);

  // What records with outbox rows need: their shadows (before this page) and their stored rows.
  const pendingChanges = local.filter((c) => pending.has(recordKey(c.table, c.id)) && !(c.deleted || !c.record));
  const shadowBefore = new Map<string, ShadowRow | undefined>();
  const storedBefore = new Map<string, Record<string, unknown> | undefined>();
  if (pendingChanges.length > 0) {
    const keys = [...new Map(pendingChanges.map((c) => [recordKey(c.table, c.id), [c.table, c.id] as [LocalTable, string]])).values()];
    const shadows = await db.shadows.bulkGet(keys);
    keys.forEach(([table, id], i) => shadowBefore.set(recordKey(table, id), shadows[i]));
    for (const table of LOCAL_TABLES) {
      const ids = keys.filter(([t]) => t === table).map(([, id]) => id);
      if (ids.length === 0) continue;
      const rows = await recordTable(db, table).bulkGet(ids);
      ids.forEach((id, i) => storedBefore.set(recordKey(table, id), rows[i]));
    }
  }

  const records = new Map<LocalTable, Map<string, Write<Record<string, unknown>>>>();
  const shadows = new Map<string, Write<ShadowRow> & { key: [LocalTable, string] }>();
  const writeRecord = (table: LocalTable, id: string, write: Write<Record<string, unknown>>) => {
    let byId = records.get(table);
    if (!byId) records.set(table, (byId = new Map()));
    byId.delete(id); // keep the order of the last write
    byId.set(id, write);
  };
  const writeShadow = (table: LocalTable, id: string, put: ShadowRow | undefined) => {
    const k = recordKey(table, id);
    shadows.delete(k);
    shadows.set(k, { put, key: [table, id] });
  };

  for (const change of local) {
    const table = change.table;
    const k = recordKey(table, change.id);
    const isPending = pending.has(k);

    if (change.deleted || !change.record) {
      writeShadow(table, change.id, undefined);
      if (!isPending) writeRecord(table, change.id, {});
      continue;
    }

    const parsed = SYNC_TABLES[table].schema.safeParse(change.record);
    const record: Record<string, unknown> = { ...(parsed.success ? (parsed.data as Record<string, unknown>) : change.record), id: change.id };
    if (!isPending) {
      if (table === 'entries') {
        // The row is its own server copy (no shadow row), and its search keys are built after the
        // sync, in idle time (searchIndex.ts): together most of the cost of a first sync.
        writeRecord(table, change.id, { put: toPendingEntry(record as unknown as Entry, gen) as unknown as Record<string, unknown> });
      } else {
        writeRecord(table, change.id, { put: record });
        writeShadow(table, change.id, { table, id: change.id, data: record, gen });
      }
      continue;
    }

    // The record has local edits not yet acknowledged: they win locally and the shadow moves. A long
    // text edited here keeps the shadow's value as its base, so the server can tell a concurrent edit
    // (conflict copy) from a sequential one. Fields not edited here (still equal to the shadow) take
    // the server's value locally too: otherwise the next batch would send the stale value as an edit
    // and overwrite the other device's change — or the text the server kept over ours when it put
    // ours into a conflict copy.
    const written = shadows.get(k);
    const stored = records.get(table)?.get(change.id)?.put ?? storedBefore.get(k);
    const shadow = written ? written.put : serverCopy(table, storedBefore.get(k), shadowBefore.get(k));
    const data: Record<string, unknown> = { ...record };
    if (shadow && stored) {
      const local: Record<string, unknown> = { ...stored };
      let updated = false;
      for (const [field, value] of Object.entries(record)) {
        if (field === 'id') continue;
        if (sameValue(stored[field], shadow.data[field])) {
          if (!sameValue(stored[field], value)) {
            local[field] = value;
            updated = true;
          }
        } else if (isLongTextField(table as SyncTable, field)) {
          data[field] = shadow.data[field];
        }
      }
      if (updated) writeRecord(table, change.id, { put: table === 'entries' ? (toStoredEntry(local as unknown as Entry) as unknown as Record<string, unknown>) : local });
    }
    writeShadow(table, change.id, { table, id: change.id, data, gen });
  }

  for (const [table, byId] of records) {
    const deletes: string[] = [];
    const puts: Record<string, unknown>[] = [];
    for (const [id, write] of byId) {
      if (write.put) puts.push(write.put);
      else deletes.push(id);
    }
    if (deletes.length > 0) await recordTable(db, table).bulkDelete(deletes);
    if (puts.length > 0) await recordTable(db, table).bulkPut(puts);
  }
  const shadowDeletes: Array<[string, string]> = [];
  const shadowPuts: ShadowRow[] = [];
  for (const write of shadows.values()) {
    if (write.put) shadowPuts.push(write.put);
    else shadowDeletes.push(write.key);
  }
  if (shadowDeletes.length > 0) await db.shadows.bulkDelete(shadowDeletes);
  if (shadowPuts.length > 0) await db.shadows.bulkPut(shadowPuts);
}

/**
 * At the end of a resync: remove local records the server once sent (they have a shadow) but did not
 * send again, unless they have outbox rows. The outbox is never touched.
 */
async function finishResync(db: LogbookDatabase): Promise<boolean> {
  const resync = await readMeta(db, 'sync.resync');
  if (!resync) return false;
  const stale = await db.shadows.filter((s) => s.gen < resync.gen && !s.scopeId).toArray();
  const synced = await syncedEntries(db);
  const pending = await pendingKeys(db);
  // An entry that is its own server copy is judged by the generation on the row; a shadow row it
  // still has is left from before that pull, and goes.
  const ownCopy = (shadow: ShadowRow) => shadow.table === 'entries' && synced.has(shadow.id);
  const removed = stale.filter((shadow) => isLocalTable(shadow.table) && !pending.has(recordKey(shadow.table, shadow.id)) && !ownCopy(shadow));
  const removedEntries = [...synced].filter(([id, gen]) => gen < resync.gen && !pending.has(recordKey('entries', id))).map(([id]) => id);
  for (const table of LOCAL_TABLES) {
    const ids = removed.filter((shadow) => shadow.table === table).map((shadow) => shadow.id);
    if (table === 'entries') ids.push(...removedEntries);
    if (ids.length > 0) await recordTable(db, table).bulkDelete(ids);
  }
  const shadowsGone = [...removed, ...stale.filter(ownCopy)];
  if (shadowsGone.length > 0) await db.shadows.bulkDelete(shadowsGone.map((shadow): [string, string] => [shadow.table, shadow.id]));
  await deleteMeta(db, 'sync.resync');
  return true;
}

// ─── One sync run ────────────────────────────────────────────────────────────────────────────────

export interface SyncRunResult {
  rounds: number;
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
}

/** Always built here, so that equal requests have equal bodies (a prefetch is matched by its body). */
function syncRequest(clientId: string, mutations: Mutation[], cursors: Record<string, number>, schoolVersion: string | undefined, limit: number): SyncRequest {
  return { clientId, schemaVersion: LOGBOOK_SCHEMA_VERSION, mutations, cursors, ...(schoolVersion !== undefined ? { schoolVersion } : {}), limit };
}

/** A request sent ahead of time, and the body it was sent with. */
interface Prefetch {
  body: string;
  response: Promise<SyncResponse>;
}

/** At most this many round trips per run (a runaway loop would drain a phone's data plan). */
const MAX_ROUNDS = 1000;

/**
 * Pushes the outbox and pulls until the server has nothing more. Throws ServerError / NetworkError;
 * whatever was applied before the error stays applied (each page is its own transaction), and an
 * unanswered batch is resent unchanged by the next run.
 */
export async function syncOnce(db: LogbookDatabase, api: ServerApi, token: string, userId: string, scopeId: string | null, pullLimit?: number): Promise<SyncRunResult> {
  const clientId = await getClientId(db);
  if (scopeId) await queueFirstUpload(db, userId);
  const inflight = await readMeta(db, 'sync.inflight');
  if (inflight && inflight.userId !== userId) await deleteMeta(db, 'sync.inflight');

  const totals: SyncRunResult = { rounds: 0, pushed: 0, pulled: 0, conflicts: 0, rejected: 0 };
  let hasMore = false;
  let prefetched: Prefetch | null = null;
  while (totals.rounds < MAX_ROUNDS) {
    // While pages are still coming, only pull: a new batch is built against up-to-date shadows.
    const batch = !hasMore ? await buildBatch(db, userId, scopeId) : ((await readMeta(db, 'sync.inflight')) ?? null);
    if (totals.rounds > 0 && !batch && !hasMore) break;
    const [cursors, known, school] = await Promise.all([readMeta(db, 'sync.cursors'), readMeta(db, 'sync.scopes'), readMeta(db, 'school.context')]);
    // Every readable scope the server listed last time, with its cursor (0: not pulled yet).
    const wanted: Record<string, number> = {};
    for (const scope of known ?? []) if (scope.scopeId !== scopeId) wanted[scope.scopeId] = cursors?.[scope.scopeId] ?? 0;
    if (scopeId) wanted[scopeId] = cursors?.[scopeId] ?? 0;
    const limit = pullLimit ?? MAX_PULL_LIMIT;
    const request = syncRequest(clientId, batch?.mutations ?? [], wanted, school?.version, limit);
    const body = JSON.stringify(request);
    const pending: Promise<SyncResponse> = prefetched?.body === body ? prefetched.response : api.sync(token, request);
    prefetched = null;
    const response = await pending;
    // While this page is applied, the next one is already asked for — when it is a plain pull whose
    // request follows from this answer alone. It is used only if the request built after applying
    // is the same, byte for byte; otherwise (scopes changed, a resync) it is dropped.
    if (response.hasMore) {
      const cursors = Object.fromEntries(Object.keys(wanted).map((id) => [id, response.cursors[id] ?? wanted[id]!]));
      const next = syncRequest(clientId, [], cursors, response.school?.version ?? school?.version, limit);
      const ahead: Prefetch = { body: JSON.stringify(next), response: api.sync(token, next) };
      // A dropped prefetch's failure is nobody's concern; a used one's is seen when it is awaited.
      ahead.response.catch(() => undefined);
      prefetched = ahead;
    }
    const outcome = await applyResponse(db, batch, response, scopeId);
    totals.rounds += 1;
    totals.pushed += batch?.mutations.length ?? 0;
    totals.pulled += response.changes.length;
    totals.conflicts += outcome.conflicts;
    totals.rejected += outcome.rejected;
    hasMore = response.hasMore || outcome.pullAgain;
  }
  const at = nowIso();
  await db.transaction('rw', db.meta, async () => {
    await writeMeta(db, 'sync.lastSyncedAt', at);
    const known = (await readMeta(db, 'sync.scopes')) ?? [];
    await writeMeta(
      db,
      'sync.scopes',
      known.map((scope) => ({ ...scope, lastSyncedAt: at })),
    );
  });
  return totals;
}
