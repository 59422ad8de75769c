import type { Entry } from '../../domain/records.ts';
import type { ConflictCopy } from '../../sync/tables.ts';
import { toStoredEntry, type LogbookDatabase, type OutboxRow, type StoredEntry } from '../db/database.ts';
import { keepServerCopy } from '../db/entries.ts';
import { nowIso } from '../db/ids.ts';
import { enqueue } from '../db/outbox.ts';

/**
 * Conflict copies (written by the server when a long text was edited on two devices) as the
 * teacher resolves them: dismiss the copy, or put its text into the record. Either way the copy is
 * deleted here and on the server (an outbox delete), so her other devices stop showing it.
 */

const EDITABLE: ReadonlyArray<OutboxRow['table']> = ['profile', 'schoolYears', 'entries', 'reflections'];

export function listConflicts(db: LogbookDatabase): Promise<ConflictCopy[]> {
  return db.conflicts.orderBy('id').toArray();
}

export async function dismissConflict(db: LogbookDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.conflicts, db.outbox, async () => {
    if (!(await db.conflicts.get(id))) return;
    await db.conflicts.delete(id);
    await enqueue(db, 'conflicts', id, 'delete');
  });
}

/** The record the copy belongs to, as it is on this device now (undefined when deleted). */
export async function conflictRecord(db: LogbookDatabase, conflict: ConflictCopy): Promise<Record<string, unknown> | undefined> {
  if (!(EDITABLE as readonly string[]).includes(conflict.table)) return undefined;
  return db.table(conflict.table).get(conflict.recordId) as Promise<Record<string, unknown> | undefined>;
}

/**
 * Copies the conflict copy's text into the record (a normal local edit: record + outbox row in one
 * transaction), then dismisses the copy. Returns false when the record no longer exists.
 * `merged` (merge by hand) replaces the copy's values with the teacher's own text for its fields.
 */
export async function applyConflictVersion(db: LogbookDatabase, id: string, merged?: Record<string, string>): Promise<boolean> {
  return db.transaction('rw', [db.conflicts, db.outbox, db.profile, db.schoolYears, db.entries, db.reflections, db.shadows], async () => {
    const conflict = await db.conflicts.get(id);
    if (!conflict) return false;
    const table = conflict.table as OutboxRow['table'];
    if (!EDITABLE.includes(table)) return false;
    const stored = (await db.table(table).get(conflict.recordId)) as Record<string, unknown> | undefined;
    if (!stored) return false;
    const fields = merged ? Object.fromEntries(Object.keys(conflict.fields).map((f) => [f, merged[f] ?? conflict.fields[f]])) : conflict.fields;
    const updated: Record<string, unknown> = { ...stored, ...fields, updatedAt: nowIso() };
    if (table === 'entries') await keepServerCopy(db, stored as unknown as StoredEntry);
    const next = table === 'entries' ? toStoredEntry(updated as unknown as Entry) : updated;
    await db.table(table).put(next);
    await enqueue(db, table, conflict.recordId, 'put');
    await db.conflicts.delete(id);
    await enqueue(db, 'conflicts', id, 'delete');
    return true;
  });
}
