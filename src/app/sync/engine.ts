import type { Table } from 'dexie';
import { LOGBOOK_SCHEMA_VERSION, type Entry } from '../../domain/records.ts';
import { MAX_MUTATIONS_PER_REQUEST, type Change, type Mutation, type SessionResponse, type SyncResponse } from '../../sync/protocol.ts';
import { isLongTextField, SYNC_TABLES, tableSpec, type SyncTable } from '../../sync/tables.ts';
import { fromStoredEntry, toStoredEntry, type LogbookDatabase, type OutboxRow, type ShadowRow, type StoredEntry } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import type { ServerApi } from './api.ts';
import { deleteMeta, getClientId, getNotices, readMeta, writeMeta, type Inflight, type SyncNotice } from './state.ts';

/**
 * The sync engine (docs/sync.md, "Sync client"): builds mutations from the outbox at send time,
 * pushes and pulls in one round trip, and applies each answer in one Dexie transaction.
 *
 * Invariants:
 * - an outbox row is deleted only when the server answered applied/duplicate/rejected for it;
 * - a pulled change never overwrites a record that still has outbox rows (only its shadow moves);
 * - nothing is wiped while the outbox is not empty; a resync removes only records the server once
 *   sent, no longer has, and that have no outbox row.
 */

type LocalTable = OutboxRow['table'];
const LOCAL_TABLES: readonly LocalTable[] = ['profile', 'schoolYears', 'entries', 'reflections', 'conflicts'];
/** Order of the first upload: parents first. */
const UPLOAD_ORDER: readonly LocalTable[] = ['profile', 'schoolYears', 'entries', 'reflections'];
/** Stay well below the server's 2 MB body cap. */
const MAX_BATCH_BYTES = 1_500_000;

function isLocalTable(table: string): table is LocalTable {
  return (LOCAL_TABLES as readonly string[]).includes(table);
}

function recordTable(db: LogbookDatabase, table: LocalTable): Table<Record<string, unknown>, string> {
  return db.table(table);
}

function allTables(db: LogbookDatabase) {
  return [db.profile, db.schoolYears, db.entries, db.reflections, db.conflicts, db.shadows, db.outbox, db.meta];
}

/** The record as synced: entries without their derived search words. */
function toWire(table: LocalTable, stored: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'entries') return stored;
  return fromStoredEntry(stored as unknown as StoredEntry) as unknown as Record<string, unknown>;
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
  await db.transaction('rw', [db.meta, db.shadows], async () => {
    const previous = await readMeta(db, 'sync.shadowUser');
    if (previous !== undefined && previous !== session.user.id) {
      await db.shadows.clear();
      await deleteMeta(db, 'sync.cursors');
      await deleteMeta(db, 'sync.inflight');
      await deleteMeta(db, 'sync.resync');
      await deleteMeta(db, 'sync.lastSyncedAt');
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
  return db.transaction('rw', [db.profile, db.schoolYears, db.entries, db.reflections, db.shadows, db.outbox, db.meta], async () => {
    if ((await readMeta(db, 'sync.uploadedFor')) === userId) return 0;
    const queued = new Set((await db.outbox.toArray()).map((r) => `${r.table}\u0000${r.recordId}`));
    const shadowed = new Set((await db.shadows.toCollection().primaryKeys()).map(([table, id]) => `${table}\u0000${id}`));
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
export async function buildBatch(db: LogbookDatabase, userId: string, scopeId: string): Promise<Inflight | null> {
  return db.transaction('rw', allTables(db), async () => {
    const inflight = await readMeta(db, 'sync.inflight');
    if (inflight) return inflight;
    const rows = await db.outbox.orderBy('seq').toArray();
    if (rows.length === 0) return null;

    const groups = new Map<string, { table: LocalTable; recordId: string; maxSeq: number }>();
    for (const row of rows) {
      const key = `${row.table}\u0000${row.recordId}`;
      const group = groups.get(key);
      if (group) group.maxSeq = Math.max(group.maxSeq, row.seq!);
      else groups.set(key, { table: row.table, recordId: row.recordId, maxSeq: row.seq! });
    }

    let counter = (await readMeta(db, 'sync.mutationCounter')) ?? 0;
    const mutations: Mutation[] = [];
    const covers: Inflight['covers'] = [];
    const dropped: Array<{ table: LocalTable; recordId: string; maxSeq: number }> = [];
    let bytes = 0;
    for (const group of groups.values()) {
      if (mutations.length >= MAX_MUTATIONS_PER_REQUEST || bytes >= MAX_BATCH_BYTES) break;
      const { table, recordId } = group;
      if (!isLocalTable(table) || !(table in SYNC_TABLES)) {
        dropped.push(group);
        continue;
      }
      const stored = await recordTable(db, table).get(recordId);
      const shadow = await db.shadows.get([table, recordId]);
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
        mutation = { mutationId: counter, scopeId, table: table as SyncTable, recordId, op: 'put', fields };
        if (Object.keys(base).length > 0) mutation.base = base;
      } else {
        counter += 1;
        mutation = { mutationId: counter, scopeId, table: table as SyncTable, recordId, op: 'delete' };
      }
      bytes += JSON.stringify(mutation).length * 2;
      if (mutations.length > 0 && bytes > MAX_BATCH_BYTES) {
        counter -= 1;
        break;
      }
      mutations.push(mutation);
      covers.push({ mutationId: mutation.mutationId, table, recordId, maxSeq: group.maxSeq });
    }

    for (const group of dropped) await deleteCovered(db, group.table, group.recordId, group.maxSeq);
    if (mutations.length === 0) return null;
    const batch: Inflight = { userId, mutations, covers };
    await writeMeta(db, 'sync.mutationCounter', counter);
    await writeMeta(db, 'sync.inflight', batch);
    return batch;
  });
}

async function deleteCovered(db: LogbookDatabase, table: LocalTable, recordId: string, maxSeq: number): Promise<void> {
  await db.outbox
    .where('recordId')
    .equals(recordId)
    .filter((r) => r.table === table && r.seq! <= maxSeq)
    .delete();
}

// ─── Applying an answer ──────────────────────────────────────────────────────────────────────────

export interface ApplyOutcome {
  resyncDone: boolean;
  conflicts: number;
  rejected: number;
}

/**
 * One answer of POST /api/sync, applied in one transaction: acknowledgements (outbox rows deleted,
 * shadows advanced, rejections noted), then the page of changes with its cursors.
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
        await deleteCovered(db, cover.table, cover.recordId, cover.maxSeq);
        if (result.status === 'rejected') {
          rejected += 1;
          notices.push({ id: `${batch.userId}:${result.mutationId}`, at: nowIso(), table: mutation.table, recordId: mutation.recordId, message: result.message, code: result.code });
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

    // The teacher's app keeps only her own logbook.
    await applyChanges(db, response.changes.filter((change) => change.scopeId === ownScope), gen);

    const cursors = { ...((await readMeta(db, 'sync.cursors')) ?? {}) };
    for (const scopeId of response.denied) delete cursors[scopeId];
    for (const [scopeId, rev] of Object.entries(response.cursors)) {
      if (scopeId === ownScope) cursors[scopeId] = rev;
    }
    await writeMeta(db, 'sync.cursors', cursors);

    let resyncDone = false;
    if (!response.hasMore) resyncDone = await finishResync(db);

    if (notices.length > 0) await writeMeta(db, 'sync.notices', [...(await getNotices(db)), ...notices]);
    return { resyncDone, conflicts, rejected };
  });
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
      const row = table === 'entries' ? (toStoredEntry(record as unknown as Entry) as unknown as Record<string, unknown>) : record;
      writeRecord(table, change.id, { put: row });
      writeShadow(table, change.id, { table, id: change.id, data: record, gen });
      continue;
    }

    // The record has local edits not yet acknowledged: they win locally and the shadow moves. A long
    // text edited here keeps the shadow's value as its base, so the server can tell a concurrent edit
    // (conflict copy) from a sequential one. Fields not edited here (still equal to the shadow) take
    // the server's value locally too: otherwise the next batch would send the stale value as an edit
    // and overwrite the other device's change — or the text the server kept over ours when it put
    // ours into a conflict copy.
    const written = shadows.get(k);
    const shadow = written ? written.put : shadowBefore.get(k);
    const stored = records.get(table)?.get(change.id)?.put ?? storedBefore.get(k);
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
  const stale = await db.shadows.filter((s) => s.gen < resync.gen).toArray();
  if (stale.length > 0) {
    const pending = await pendingKeys(db);
    const removed = stale.filter((shadow) => isLocalTable(shadow.table) && !pending.has(recordKey(shadow.table, shadow.id)));
    for (const table of LOCAL_TABLES) {
      const ids = removed.filter((shadow) => shadow.table === table).map((shadow) => shadow.id);
      if (ids.length > 0) await recordTable(db, table).bulkDelete(ids);
    }
    if (removed.length > 0) await db.shadows.bulkDelete(removed.map((shadow): [string, string] => [shadow.table, shadow.id]));
  }
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
  while (totals.rounds < MAX_ROUNDS) {
    // While pages are still coming, only pull: a new batch is built against up-to-date shadows.
    const batch = scopeId && !hasMore ? await buildBatch(db, userId, scopeId) : ((await readMeta(db, 'sync.inflight')) ?? null);
    if (totals.rounds > 0 && !batch && !hasMore) break;
    const cursors = (await readMeta(db, 'sync.cursors')) ?? {};
    const response = await api.sync(token, {
      clientId,
      schemaVersion: LOGBOOK_SCHEMA_VERSION,
      mutations: batch?.mutations ?? [],
      cursors: scopeId ? { [scopeId]: cursors[scopeId] ?? 0 } : {},
      ...(pullLimit ? { limit: pullLimit } : {}),
    });
    const outcome = await applyResponse(db, batch, response, scopeId);
    totals.rounds += 1;
    totals.pushed += batch?.mutations.length ?? 0;
    totals.pulled += response.changes.length;
    totals.conflicts += outcome.conflicts;
    totals.rejected += outcome.rejected;
    hasMore = response.hasMore;
  }
  await writeMeta(db, 'sync.lastSyncedAt', nowIso());
  return totals;
}
