import type { LogbookDatabase, OutboxRow } from './database.ts';
import { nowIso } from './ids.ts';

/** Must be called inside the Dexie transaction that writes the record, so edit and outbox row commit together. */
export async function enqueue(db: LogbookDatabase, table: OutboxRow['table'], recordId: string, op: OutboxRow['op']): Promise<void> {
  await db.outbox.add({ table, recordId, op, at: nowIso() });
}

export function pendingCount(db: LogbookDatabase): Promise<number> {
  return db.outbox.count();
}
