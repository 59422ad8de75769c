import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_SCHOOL_SETTINGS, type SchoolSettings } from '../../domain/schoolSettings.ts';
import type { SchoolContext } from '../../sync/protocol.ts';
import type { SyncTable } from '../../sync/tables.ts';
import type { KnownScope } from '../sync/state.ts';
import { useDatabase } from './DatabaseContext.tsx';
import type { LogbookDatabase } from './database.ts';
import { nowIso } from './ids.ts';

/**
 * Other people's logbooks on this device (docs/sync.md, "Other people's logbooks"): the scopes the
 * user may read, as the server listed them at the last sync, and their records, pulled into
 * db.foreign. Everything here works offline once synced. The user writes into such a logbook only
 * records she authors (annotations; confirmations as a leader): putForeignRecord queues them for the
 * server, which checks the write rules and answers 'forbidden' otherwise (the local copy is then
 * reverted by the sync engine).
 */

export type ReadableScope = KnownScope;

/** Scopes the user may read, her own included (access 'owner'); [] before the first sync, undefined while loading. */
export function useReadableScopes(): ReadableScope[] | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => ((await db.meta.get('sync.scopes'))?.value as KnownScope[] | undefined) ?? [], [db]);
}

export async function readableScopesOnDevice(db: LogbookDatabase): Promise<ReadableScope[]> {
  return ((await db.meta.get('sync.scopes'))?.value as KnownScope[] | undefined) ?? [];
}

/** The records of one table of someone else's logbook (as stored: parse them with the table's schema). */
export function foreignRecords(db: LogbookDatabase, scopeId: string, table: SyncTable): Promise<Array<Record<string, unknown>>> {
  return db.foreign
    .where('[scopeId+table]')
    .equals([scopeId, table])
    .toArray()
    .then((rows) => rows.map((row) => row.data));
}

/** Live records of one table of someone else's logbook; undefined while loading. */
export function useForeignRecords(scopeId: string | null, table: SyncTable): Array<Record<string, unknown>> | undefined {
  const db = useDatabase();
  return useLiveQuery(() => (scopeId ? foreignRecords(db, scopeId, table) : Promise.resolve([])), [db, scopeId, table]);
}

/** Thrown for a write the server would refuse anyway: only records with an author are written into others' logbooks. */
export class NotAuthoredError extends Error {
  constructor(table: string) {
    super(`${table}: only records the user authors (authorUserId) may be written into another person's logbook`);
    this.name = 'NotAuthoredError';
  }
}

/**
 * Writes a record the user authors into someone else's logbook, with its outbox row, in one
 * transaction. `record` must already be parsed by its table's schema (NFC text, valid fields) and
 * carry `authorUserId` (annotations, confirmations); the server checks that it is the user.
 */
export async function putForeignRecord(db: LogbookDatabase, scopeId: string, table: SyncTable, record: Record<string, unknown> & { id: string }): Promise<void> {
  if (typeof record.authorUserId !== 'string') throw new NotAuthoredError(table);
  await db.transaction('rw', db.foreign, db.outbox, async () => {
    const existing = await db.foreign.get([scopeId, table, record.id]);
    await db.foreign.put({ scopeId, table, id: record.id, data: record, ...(existing?.gen !== undefined ? { gen: existing.gen } : {}) });
    await db.outbox.add({ table, recordId: record.id, op: 'put', at: nowIso(), scopeId });
  });
}

/** Deletes a record the user authored in someone else's logbook, with its outbox row, in one transaction. */
export async function deleteForeignRecord(db: LogbookDatabase, scopeId: string, table: SyncTable, id: string): Promise<void> {
  await db.transaction('rw', db.foreign, db.outbox, async () => {
    const existing = await db.foreign.get([scopeId, table, id]);
    if (existing && typeof existing.data.authorUserId !== 'string') throw new NotAuthoredError(table);
    await db.foreign.delete([scopeId, table, id]);
    await db.outbox.add({ table, recordId: id, op: 'delete', at: nowIso(), scopeId });
  });
}

/** The school context of the last sync (settings, directory, mentor pairs), or null before the first. */
export async function getSchoolContext(db: LogbookDatabase): Promise<SchoolContext | null> {
  return ((await db.meta.get('school.context'))?.value as SchoolContext | undefined) ?? null;
}

/** Live school context; null before the first sync (or with no server), undefined while loading. */
export function useSchoolContext(): SchoolContext | null | undefined {
  const db = useDatabase();
  return useLiveQuery(() => getSchoolContext(db), [db]);
}

/** The school's settings, or the defaults before the first sync and with no server. */
export function schoolSettingsOf(context: SchoolContext | null | undefined): SchoolSettings {
  return context?.settings ?? DEFAULT_SCHOOL_SETTINGS;
}
