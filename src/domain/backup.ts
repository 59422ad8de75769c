import { z } from 'zod';
import { migrateV1Entry, migrateV1Reflection } from './migrations.ts';
import { entrySchema, LOGBOOK_SCHEMA_VERSION, profileSchema, reflectionSchema, schoolYearSchema } from './records.ts';

/**
 * The full JSON backup of a device's logbook. It names its format and schema version so that an
 * older file is migrated on import and a foreign or damaged file is refused before anything changes.
 */
export const BACKUP_FORMAT = 'so-boi-duong/backup';

export const backupDataSchema = z.object({
  profile: profileSchema.nullable(),
  schoolYears: z.array(schoolYearSchema),
  entries: z.array(entrySchema),
  reflections: z.array(reflectionSchema),
});
export type BackupData = z.infer<typeof backupDataSchema>;

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
    entries: asArray(data.entries).map(migrateV1Entry),
    reflections: asArray(data.reflections).map(migrateV1Reflection),
  }),
};

function asArray(value: unknown): RawRecord[] {
  return Array.isArray(value) ? (value as RawRecord[]) : [];
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
  const ids = new Set(parsed.data.data.schoolYears.map((y) => y.id));
  const orphan = [...parsed.data.data.entries, ...parsed.data.data.reflections].find((r) => !ids.has(r.schoolYearId));
  if (orphan) return { ok: false, error: 'backup.damaged', detail: `record ${orphan.id} has no school year` };
  return { ok: true, backup: parsed.data, migratedFrom: version === LOGBOOK_SCHEMA_VERSION ? null : version };
}
