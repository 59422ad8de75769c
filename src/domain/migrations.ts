/**
 * Record migrations shared by backup import and the Dexie upgrade. Kept free of zod so the local
 * database (loaded on the first screen) does not pull the schema library into the initial bundle.
 */
type RawRecord = Record<string, unknown>;

/**
 * Version 1 (first release) kept entries without createdAt and reflections without their kind,
 * which was implied by the period ('2023-09' → month, 'HK1' → semester).
 */
export function migrateV1Entry(entry: RawRecord): RawRecord {
  return { ...entry, createdAt: entry.createdAt ?? entry.updatedAt };
}
export function migrateV1Reflection(reflection: RawRecord): RawRecord {
  const period = String(reflection.period ?? '');
  return { ...reflection, kind: reflection.kind ?? (/^HK[12]$/.test(period) ? 'semester' : 'month') };
}
