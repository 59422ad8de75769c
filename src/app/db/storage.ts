import type { LogbookDatabase } from './database.ts';
import { getMeta, setMeta } from './meta.ts';

export interface StorageStatus {
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage) return { persisted: null, usageBytes: null, quotaBytes: null };
  const [persisted, estimate] = await Promise.all([
    storage.persisted ? storage.persisted() : Promise.resolve(null),
    storage.estimate ? storage.estimate() : Promise.resolve(undefined),
  ]);
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}

/**
 * Asks the browser to keep our data under storage pressure, once, after the first real save
 * (asking on first load is refused by most browsers and wastes the one chance).
 */
export async function requestPersistenceAfterFirstSave(db: LogbookDatabase): Promise<void> {
  if (await getMeta(db, 'firstSaveAt')) return;
  await setMeta(db, 'firstSaveAt', new Date().toISOString());
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) {
    await setMeta(db, 'persistence', 'unsupported');
    return;
  }
  const granted = await storage.persist().catch(() => false);
  await setMeta(db, 'persistence', granted ? 'granted' : 'denied');
}
