import type { LogbookDatabase } from './database.ts';

/** Device-local settings and bookkeeping; not part of the logbook, not in backups. */
export interface MetaValues {
  lastEntryForm: { form: string; bdtxProgram: string | null; module: string | null; periods: number };
  lastBackupAt: string;
  firstSaveAt: string;
  persistence: 'granted' | 'denied' | 'unsupported';
  iosHintDismissed: boolean;
  language: 'vi' | 'en';
}

export async function getMeta<K extends keyof MetaValues>(db: LogbookDatabase, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(db: LogbookDatabase, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
