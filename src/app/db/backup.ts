import { backupDataSchema, createBackup, parseBackup, type Backup, type BackupData, type BackupError } from '../../domain/backup.ts';
import { toStoredEntry, type LogbookDatabase } from './database.ts';
import { toEntry } from './entries.ts';
import { nowIso } from './ids.ts';
import { setMeta } from './meta.ts';

export async function exportBackup(db: LogbookDatabase): Promise<Backup> {
  return db.transaction('r', [db.profile, db.schoolYears, db.entries, db.reflections], async () => {
    const [profile, schoolYears, entries, reflections] = await Promise.all([
      db.profile.get('profile'),
      db.schoolYears.orderBy('startYear').toArray(),
      db.entries.orderBy('date').toArray(),
      db.reflections.toArray(),
    ]);
    const data: BackupData = { profile: profile ?? null, schoolYears, entries: entries.map(toEntry), reflections };
    return createBackup(canonical(data), nowIso());
  });
}

/**
 * The data as the importer will see it: fields in schema order, so that export → import → export
 * gives the same file byte for byte (stored rows keep the key order of whichever code wrote them).
 * Data the schema refuses is exported as stored rather than not at all: a file the app cannot restore
 * still holds the teacher's text.
 */
function canonical(data: BackupData): BackupData {
  const parsed = backupDataSchema.safeParse(data);
  return parsed.success ? parsed.data : data;
}

/** Records the export time, which drives the "back up again" reminder. */
export async function markBackedUp(db: LogbookDatabase, at = nowIso()): Promise<void> {
  await setMeta(db, 'lastBackupAt', at);
}

export type ImportResult = { ok: true; counts: { entries: number; reflections: number; schoolYears: number }; migratedFrom: number | null } | { ok: false; error: BackupError; detail?: string };

/**
 * Replaces the logbook with the backup's content in one transaction. The file is parsed, migrated and
 * validated first: a damaged or foreign file changes nothing.
 */
export async function importBackup(db: LogbookDatabase, raw: string): Promise<ImportResult> {
  const parsed = parseBackup(raw);
  if (!parsed.ok) return parsed;
  const { data } = parsed.backup;
  await db.transaction('rw', [db.profile, db.schoolYears, db.entries, db.reflections, db.outbox, db.shadows, db.meta], async () => {
    await Promise.all([db.profile.clear(), db.schoolYears.clear(), db.entries.clear(), db.reflections.clear()]);
    // A restore never deletes anything on the school server: forgetting what this device knew of the
    // server makes the next sync pull the whole logbook again, so records missing from the backup come
    // back, while the restored records (queued below) are pushed and merged like any edit.
    await db.shadows.clear();
    await db.meta.bulkDelete(['sync.cursors', 'sync.resync']);
    if (data.profile) await db.profile.put(data.profile);
    await db.schoolYears.bulkPut(data.schoolYears);
    await db.entries.bulkPut(data.entries.map(toStoredEntry));
    await db.reflections.bulkPut(data.reflections);
    // Restored records are local edits like any other: once a server is connected they are uploaded.
    const at = nowIso();
    const rows = [
      ...(data.profile ? [{ table: 'profile' as const, recordId: 'profile' }] : []),
      ...data.schoolYears.map((r) => ({ table: 'schoolYears' as const, recordId: r.id })),
      ...data.entries.map((r) => ({ table: 'entries' as const, recordId: r.id })),
      ...data.reflections.map((r) => ({ table: 'reflections' as const, recordId: r.id })),
    ];
    await db.outbox.bulkAdd(rows.map((r) => ({ ...r, op: 'put' as const, at })));
  });
  return {
    ok: true,
    counts: { entries: data.entries.length, reflections: data.reflections.length, schoolYears: data.schoolYears.length },
    migratedFrom: parsed.migratedFrom,
  };
}
