import { toStoredEntry, type LogbookDatabase } from './database.ts';

/** Entries given their search keys per transaction: short enough not to hold up a save or a screen. */
const CHUNK = 250;

/** Until the browser is idle (or 1 s has passed), so building the index never competes with the screen. */
export function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Builds the search fields of entries that sync wrote without them (StoredEntry.searchPending), a
 * chunk per transaction with a pause between chunks, until none is left. Each chunk reads and
 * rewrites its rows in one transaction, so an edit saved meanwhile is never overwritten. Safe to run
 * in several tabs at once. Returns how many entries it indexed.
 */
export async function indexPendingEntries(db: LogbookDatabase, options: { chunk?: number; pause?: () => Promise<void> } = {}): Promise<number> {
  const { chunk = CHUNK, pause = whenIdle } = options;
  let indexed = 0;
  for (;;) {
    const done = await db.transaction('rw', db.entries, async () => {
      const rows = await db.entries.where('searchPending').equals(1).limit(chunk).toArray();
      // Still the server's copy if it was one (StoredEntry.syncedGen).
      if (rows.length > 0) await db.entries.bulkPut(rows.map((row) => ({ ...toStoredEntry(row), ...(row.syncedGen !== undefined ? { syncedGen: row.syncedGen } : {}) })));
      return rows.length;
    });
    indexed += done;
    if (done === 0) return indexed;
    await pause();
  }
}
