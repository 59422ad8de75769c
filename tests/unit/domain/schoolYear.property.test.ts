import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../../src/domain/dates.ts';
import { defaultSchoolYearDates, schoolYearBounds, semesterOf, startYearForDate, validateSchoolYearDates, type SchoolYearDates } from '../../../src/domain/schoolYear.ts';

const day = fc.date({ min: new Date(2001, 0, 1), max: new Date(2098, 11, 31), noInvalidDate: true }).map(toIsoDate);

/** Offsets the default dates by a few days each way, as provinces do, keeping them coherent. */
const editedYear = (startYear: number) =>
  fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -10, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: -20, max: 40 })).map(
    ([a, b, gap, d]): SchoolYearDates => {
      const base = defaultSchoolYearDates(startYear);
      const shift = (iso: string, days: number) => {
        const [y, m, dd] = iso.split('-').map(Number) as [number, number, number];
        return toIsoDate(new Date(y, m - 1, dd + days));
      };
      const hk1End = shift(base.hk1End, b);
      return { startYear, hk1Start: shift(base.hk1Start, a), hk1End, hk2Start: shift(hk1End, 1 + gap), hk2End: shift(base.hk2End, d) };
    },
  );

const years = fc
  .uniqueArray(fc.integer({ min: 2001, max: 2097 }), { maxLength: 5 })
  .chain((starts) => (starts.length === 0 ? fc.constant([] as SchoolYearDates[]) : fc.tuple(...starts.map(editedYear))));

describe('school year properties', () => {
  it('generated edited years are valid', () => {
    fc.assert(fc.property(years, (ys) => ys.every((y) => validateSchoolYearDates(y).length === 0)));
  });
  it('a date in a semester of a year is placed in that year', () => {
    fc.assert(
      fc.property(years, day, (ys, date) => {
        const inSemester = ys.find((y) => semesterOf(date, y) !== null);
        if (inSemester) expect(startYearForDate(date, ys)).toBe(inSemester.startYear);
      }),
    );
  });
  it('every date is placed in the year whose bounds hold it, and the semester agrees with the year', () => {
    fc.assert(
      fc.property(years, day, (ys, date) => {
        const startYear = startYearForDate(date, ys);
        const year = ys.find((y) => y.startYear === startYear) ?? defaultSchoolYearDates(startYear);
        const bounds = schoolYearBounds(startYear);
        // Dates outside any stored year go by the calendar: June–July may fall before the bounds of
        // the year they prepare (summer courses), never after.
        expect(date <= bounds.to).toBe(true);
        expect(date >= `${startYear}-06-01`).toBe(true);
        const semester = semesterOf(date, year);
        if (semester) expect(ys.filter((y) => y !== year).every((y) => semesterOf(date, y) === null)).toBe(true);
      }),
    );
  });
  it('with no stored years, the placement only depends on the calendar month', () => {
    fc.assert(
      fc.property(day, (date) => {
        const calendarYear = Number(date.slice(0, 4));
        const month = Number(date.slice(5, 7));
        expect(startYearForDate(date, [])).toBe(month >= 6 ? calendarYear : calendarYear - 1);
        const semester = semesterOf(date, defaultSchoolYearDates(startYearForDate(date, [])));
        if (month >= 10 || month <= 4) expect(semester).not.toBeNull();
        if (month >= 6 && month <= 8) expect(semester).toBeNull();
      }),
    );
  });
});
