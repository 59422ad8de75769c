import { backupDataSchema, createBackup, parseBackup, type Backup, type BackupData, type BackupError } from '../../domain/backup.ts';
import { toStoredEntry, type LogbookDatabase } from './database.ts';
import { toEntry } from './entries.ts';
import { nowIso } from './ids.ts';
import { setMeta } from './meta.ts';

/** The tables of the user's own logbook a backup holds, besides profile, years, entries and reflections. */
const V3_TABLES = ['observations', 'annotations', 'annotationReads', 'innovationTopics', 'skkn', 'skknSections', 'skknRevisions'] as const;

function v3Tables(db: LogbookDatabase) {
  return V3_TABLES.map((t) => db.table(t));
}

/** The signed-in (or last synced) user: her own annotations in her logbook are hers to back up. */
async function ownUserId(db: LogbookDatabase): Promise<string | null> {
  const row = await db.meta.get('sync.shadowUser');
  return typeof row?.value === 'string' ? row.value : null;
}

export async function exportBackup(db: LogbookDatabase): Promise<Backup> {
  return db.transaction('r', [db.profile, db.schoolYears, db.entries, db.reflections, db.meta, ...v3Tables(db)], async () => {
    const [profile, schoolYears, entries, reflections, me] = await Promise.all([
      db.profile.get('profile'),
      db.schoolYears.orderBy('startYear').toArray(),
      db.entries.orderBy('date').toArray(),
      db.reflections.toArray(),
      ownUserId(db),
    ]);
    const [observations, annotations, annotationReads, innovationTopics, skkn, skknSections, skknRevisions] = await Promise.all([
      db.observations.orderBy('id').toArray(),
      db.annotations.orderBy('id').toArray(),
      db.annotationReads.orderBy('id').toArray(),
      db.innovationTopics.orderBy('id').toArray(),
      db.skkn.orderBy('id').toArray(),
      db.skknSections.orderBy('id').toArray(),
      db.skknRevisions.orderBy('id').toArray(),
    ]);
    const data: BackupData = {
      profile: profile ?? null,
      schoolYears,
      entries: entries.map(toEntry),
      reflections,
      observations,
      // Mentors' and leaders' notes are theirs (they stay on the school server); her replies are hers.
      annotations: annotations.filter((a) => me !== null && a.authorUserId === me),
      annotationReads,
      innovationTopics,
      skkn,
      skknSections,
      skknRevisions,
    };
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
  await db.transaction('rw', [db.profile, db.schoolYears, db.entries, db.reflections, db.outbox, db.shadows, db.meta, ...v3Tables(db)], async () => {
    await Promise.all([db.profile.clear(), db.schoolYears.clear(), db.entries.clear(), db.reflections.clear(), ...v3Tables(db).map((t) => t.clear())]);
    // A restore never deletes anything on the school server: forgetting what this device knew of the
    // server makes the next sync pull the whole logbook again, so records missing from the backup come
    // back, while the restored records (queued below) are pushed and merged like any edit.
    await db.shadows.clear();
    await db.meta.bulkDelete(['sync.cursors', 'sync.resync']);
    if (data.profile) await db.profile.put(data.profile);
    await db.schoolYears.bulkPut(data.schoolYears);
    await db.entries.bulkPut(data.entries.map(toStoredEntry));
    await db.reflections.bulkPut(data.reflections);
    for (const table of V3_TABLES) await db.table(table).bulkPut(data[table]);
    // Restored records are local edits like any other: once a server is connected they are uploaded.
    const at = nowIso();
    const rows = [
      ...(data.profile ? [{ table: 'profile' as const, recordId: 'profile' }] : []),
      ...data.schoolYears.map((r) => ({ table: 'schoolYears' as const, recordId: r.id })),
      ...data.entries.map((r) => ({ table: 'entries' as const, recordId: r.id })),
      ...data.reflections.map((r) => ({ table: 'reflections' as const, recordId: r.id })),
      // Parents before what refers to them: SKKN before its sections and revisions, then the notes.
      ...(['observations', 'innovationTopics', 'skkn', 'skknSections', 'skknRevisions', 'annotations', 'annotationReads'] as const).flatMap((table) =>
        data[table].map((r) => ({ table, recordId: r.id })),
      ),
    ];
    await db.outbox.bulkAdd(rows.map((r) => ({ ...r, op: 'put' as const, at })));
  });
  return {
    ok: true,
    counts: { entries: data.entries.length, reflections: data.reflections.length, schoolYears: data.schoolYears.length },
    migratedFrom: parsed.migratedFrom,
  };
}
