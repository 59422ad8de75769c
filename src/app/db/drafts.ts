import type { LogbookDatabase } from './database.ts';

/**
 * Unsaved form input, kept in the device-local meta table (not in backups, not synced) so that a killed
 * tab, a reload into a new version or a slip of the thumb never loses what was typed.
 */
export interface Draft<T> {
  values: T;
  savedAt: string;
}

/** draft:entry:new for the new-entry form, draft:entry:<id> when editing that entry. */
export function entryDraftKey(id?: string): string {
  return `draft:entry:${id ?? 'new'}`;
}

export async function getDraft<T>(db: LogbookDatabase, key: string): Promise<Draft<T> | undefined> {
  const row = await db.meta.get(key);
  const value = row?.value as Partial<Draft<T>> | undefined;
  return value && typeof value === 'object' && value.values && typeof value.values === 'object' ? (value as Draft<T>) : undefined;
}

export async function saveDraft<T>(db: LogbookDatabase, key: string, values: T): Promise<void> {
  const draft: Draft<T> = { values, savedAt: new Date().toISOString() };
  await db.meta.put({ key, value: draft });
}

export async function deleteDraft(db: LogbookDatabase, key: string): Promise<void> {
  await db.meta.delete(key);
}
