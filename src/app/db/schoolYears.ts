import { defaultSchoolYearDates, validateSchoolYearDates, type SchoolYearDates } from '../../domain/schoolYear.ts';
import type { SchoolYear } from '../../domain/records.ts';
import type { LogbookDatabase } from './database.ts';
import { nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

export function listSchoolYears(db: LogbookDatabase): Promise<SchoolYear[]> {
  return db.schoolYears.orderBy('startYear').toArray();
}

/**
 * One id per school year of a logbook, derived from its opening year: two devices that each create
 * 2024–2025 offline create the same record, which sync merges, instead of two years splitting the entries.
 */
export function schoolYearId(startYear: number): string {
  return `nam-hoc-${startYear}`;
}

/**
 * The school year opening in startYear, created with default semester dates when missing.
 * Call inside a rw transaction over schoolYears and outbox.
 */
export async function ensureSchoolYear(db: LogbookDatabase, startYear: number, schoolDates?: readonly SchoolYearDates[]): Promise<{ year: SchoolYear; created: boolean }> {
  const existing = await db.schoolYears.where('startYear').equals(startYear).first();
  if (existing) return { year: existing, created: false };
  const set = schoolDates?.find((y) => y.startYear === startYear);
  const dates = set && validateSchoolYearDates(set).length === 0 ? set : defaultSchoolYearDates(startYear);
  const year: SchoolYear = { id: schoolYearId(startYear), ...dates, startYear, updatedAt: nowIso() };
  await db.schoolYears.add(year);
  await enqueue(db, 'schoolYears', year.id, 'put');
  return { year, created: true };
}

/** ensureSchoolYear in its own transaction; a new year takes the school's semester dates when it set them. */
export function ensureSchoolYearNow(db: LogbookDatabase, startYear: number): Promise<{ year: SchoolYear; created: boolean }> {
  return db.transaction('rw', db.schoolYears, db.outbox, db.meta, async () => {
    const context = (await db.meta.get('school.context'))?.value as { settings?: { schoolYears?: SchoolYearDates[] } } | undefined;
    return ensureSchoolYear(db, startYear, context?.settings?.schoolYears);
  });
}

export type SaveDatesResult = { ok: true } | { ok: false; errors: string[] };

export async function saveSchoolYearDates(db: LogbookDatabase, id: string, dates: Omit<SchoolYearDates, 'startYear'>): Promise<SaveDatesResult> {
  return db.transaction('rw', db.schoolYears, db.outbox, async () => {
    const year = await db.schoolYears.get(id);
    if (!year) return { ok: false, errors: ['errors.notFound'] };
    // Only the four dates are taken: a caller passing a whole form state must not change id or startYear.
    const { hk1Start, hk1End, hk2Start, hk2End } = dates;
    const next: SchoolYear = { ...year, hk1Start, hk1End, hk2Start, hk2End, updatedAt: nowIso() };
    const errors = validateSchoolYearDates(next);
    if (errors.length > 0) return { ok: false, errors };
    await db.schoolYears.put(next);
    await enqueue(db, 'schoolYears', id, 'put');
    return { ok: true };
  });
}
