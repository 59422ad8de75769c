import { z } from 'zod';
import { annotationReadSchema, annotationSchema } from './annotations.ts';
import { innovationTopicSchema } from './innovationTopic.ts';
import { migrateV1Entry, migrateV1Reflection } from './migrations.ts';
import { observationSchema } from './observations.ts';
import { entrySchema, LOGBOOK_SCHEMA_VERSION, profileSchema, reflectionSchema, schoolYearSchema } from './records.ts';
import { skknRevisionSchema, skknSchema, skknSectionSchema } from './skkn.ts';

/**
 * The full JSON backup of a device's logbook. It names its format and schema version so that an
 * older file is migrated on import and a foreign or damaged file is refused before anything changes.
 */
export const BACKUP_FORMAT = 'so-boi-duong/backup';

/**
 * Version 3 adds the rest of the teacher's own logbook: observations, her own annotations (replies) in
 * it, read marks, the innovation topic and SKKN. Records others write into it (their annotations,
 * leaders' confirmations, colleagues' observations of her lessons) stay on the school server.
 */
export const backupDataSchema = z.object({
  profile: profileSchema.nullable(),
  schoolYears: z.array(schoolYearSchema),
  entries: z.array(entrySchema),
  reflections: z.array(reflectionSchema),
  observations: z.array(observationSchema),
  annotations: z.array(annotationSchema),
  annotationReads: z.array(annotationReadSchema),
  innovationTopics: z.array(innovationTopicSchema),
  skkn: z.array(skknSchema),
  skknSections: z.array(skknSectionSchema),
  skknRevisions: z.array(skknRevisionSchema),
});
export type BackupData = z.infer<typeof backupDataSchema>;

/** The tables version 3 added, empty (a logbook without them, and the v2 → v3 migration). */
export function emptyV3Tables(): Pick<BackupData, 'observations' | 'annotations' | 'annotationReads' | 'innovationTopics' | 'skkn' | 'skknSections' | 'skknRevisions'> {
  return { observations: [], annotations: [], annotationReads: [], innovationTopics: [], skkn: [], skknSections: [], skknRevisions: [] };
}

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.literal(LOGBOOK_SCHEMA_VERSION),
  exportedAt: z.string().datetime({ offset: true }),
  data: backupDataSchema,
});
export type Backup = z.infer<typeof backupSchema>;

export type BackupError = 'backup.notJson' | 'backup.foreign' | 'backup.tooNew' | 'backup.damaged';
export type ParsedBackup = { ok: true; backup: Backup; migratedFrom: number | null } | { ok: false; error: BackupError; detail?: string };

type RawRecord = Record<string, unknown>;
type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

// Re-exported: the v1 migrations live in a zod-free module shared with the Dexie upgrade.
export { migrateV1Entry, migrateV1Reflection };

const MIGRATIONS: Record<number, Migration> = {
  1: (data) => ({
    ...data,
    entries: mapRecords(data.entries, migrateV1Entry),
    reflections: mapRecords(data.reflections, migrateV1Reflection),
  }),
  // Version 2 files predate observations, annotations, innovation topic and SKKN: none to restore.
  // A table present anyway (a hand-edited file) is kept and validated, never silently replaced.
  2: (data) => ({ ...emptyV3Tables(), ...data }),
};

/**
 * Migrates each record of a table. Anything that is not a list of objects is passed through untouched
 * so that validation refuses it: turning a damaged table into [] would import as "empty" and wipe the
 * teacher's existing entries.
 */
function mapRecords(value: unknown, migrate: (record: RawRecord) => RawRecord): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((record: unknown) => (typeof record === 'object' && record !== null && !Array.isArray(record) ? migrate(record as RawRecord) : record));
}

/** The first value that occurs twice, by key. */
function firstDuplicate<T>(records: readonly T[], key: (record: T) => string): string | null {
  const seen = new Set<string>();
  for (const record of records) {
    const k = key(record);
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}

export function createBackup(data: BackupData, exportedAt: string): Backup {
  return { format: BACKUP_FORMAT, schemaVersion: LOGBOOK_SCHEMA_VERSION, exportedAt, data };
}

export function parseBackup(raw: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'backup.notJson' };
  }
  if (typeof json !== 'object' || json === null || (json as RawRecord).format !== BACKUP_FORMAT) {
    return { ok: false, error: 'backup.foreign' };
  }
  const envelope = json as RawRecord;
  const version = envelope.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, error: 'backup.damaged' };
  if (version > LOGBOOK_SCHEMA_VERSION) return { ok: false, error: 'backup.tooNew' };

  let data = envelope.data;
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'backup.damaged' };
  for (let v = version; v < LOGBOOK_SCHEMA_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate) return { ok: false, error: 'backup.damaged', detail: `no migration from v${v}` };
    data = migrate(data as Record<string, unknown>);
  }
  const parsed = backupSchema.safeParse({ ...envelope, schemaVersion: LOGBOOK_SCHEMA_VERSION, data });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: 'backup.damaged', detail: issue ? `${issue.path.join('.')}: ${issue.message}` : undefined };
  }
  const { schoolYears, entries, reflections, observations, annotations, annotationReads, innovationTopics, skkn, skknSections, skknRevisions } = parsed.data.data;
  const ids = new Set(schoolYears.map((y) => y.id));
  const orphan = [...entries, ...reflections, ...observations, ...innovationTopics, ...skkn].find((r) => !ids.has(r.schoolYearId));
  if (orphan) return { ok: false, error: 'backup.damaged', detail: `record ${orphan.id} has no school year` };
  const skknIds = new Set(skkn.map((s) => s.id));
  const lostSection = [...skknSections, ...skknRevisions].find((r) => !skknIds.has(r.skknId));
  if (lostSection) return { ok: false, error: 'backup.damaged', detail: `record ${lostSection.id} has no SKKN` };
  // Duplicates cannot come from our own export. Importing them would silently keep only one record
  // (same id) or break "one school year per start year" and "one reflection per period".
  const duplicate =
    firstDuplicate(schoolYears, (y) => `school year id ${y.id}`) ??
    firstDuplicate(schoolYears, (y) => `school year ${y.startYear}`) ??
    firstDuplicate(entries, (e) => `entry id ${e.id}`) ??
    firstDuplicate(reflections, (r) => `reflection id ${r.id}`) ??
    firstDuplicate(reflections, (r) => `reflection ${r.schoolYearId} ${r.kind} ${r.period}`) ??
    firstDuplicate(observations, (r) => `observation id ${r.id}`) ??
    firstDuplicate(annotations, (r) => `annotation id ${r.id}`) ??
    firstDuplicate(annotationReads, (r) => `annotation read id ${r.id}`) ??
    firstDuplicate(innovationTopics, (r) => `innovation topic id ${r.id}`) ??
    firstDuplicate(skkn, (r) => `SKKN id ${r.id}`) ??
    firstDuplicate(skknSections, (r) => `SKKN section id ${r.id}`) ??
    firstDuplicate(skknRevisions, (r) => `SKKN revision id ${r.id}`);
  if (duplicate) return { ok: false, error: 'backup.damaged', detail: `duplicate ${duplicate}` };
  return { ok: true, backup: parsed.data, migratedFrom: version === LOGBOOK_SCHEMA_VERSION ? null : version };
}
