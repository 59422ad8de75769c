import type { SchoolYearDates } from '../../domain/schoolYear.ts';
import { validateSchoolYearDates } from '../../domain/schoolYear.ts';
import type { LogbookDatabase } from './database.ts';
import { nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

/**
 * Gives this logbook's school years the semester dates the school set for them (school settings,
 * delivered with sync). Each changed year is written and queued like an edit of the teacher's, so the
 * server's copy, the leaders' overview and every PDF agree. Years the school did not set keep the
 * teacher's own dates; years not yet in the logbook are created with the school's dates when first
 * needed (ensureSchoolYearNow). Call inside a rw transaction over schoolYears and outbox.
 */
export async function adoptSchoolYearDates(db: LogbookDatabase, schoolYears: readonly SchoolYearDates[] | undefined): Promise<number> {
  if (!schoolYears || schoolYears.length === 0) return 0;
  let changed = 0;
  for (const dates of schoolYears) {
    // Dates that would not pass the teacher's own checks (a newer server's rules) are not taken.
    if (validateSchoolYearDates(dates).length > 0) continue;
    const year = await db.schoolYears.where('startYear').equals(dates.startYear).first();
    if (!year) continue;
    const { hk1Start, hk1End, hk2Start, hk2End } = dates;
    if (year.hk1Start === hk1Start && year.hk1End === hk1End && year.hk2Start === hk2Start && year.hk2End === hk2End) continue;
    await db.schoolYears.put({ ...year, hk1Start, hk1End, hk2Start, hk2End, updatedAt: nowIso() });
    await enqueue(db, 'schoolYears', year.id, 'put');
    changed += 1;
  }
  return changed;
}
