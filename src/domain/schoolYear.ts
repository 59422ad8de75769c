import { isIsoDate, monthOf, monthsBetween, type IsoDate } from './dates.ts';

export type SemesterCode = 'HK1' | 'HK2';

export interface SchoolYearDates {
  /** Calendar year in which the school year opens (2023 for 2023–2024). */
  readonly startYear: number;
  readonly hk1Start: IsoDate;
  readonly hk1End: IsoDate;
  readonly hk2Start: IsoDate;
  readonly hk2End: IsoDate;
}

/** "2023–2024" */
export function schoolYearLabel(startYear: number): string {
  return `${startYear}–${startYear + 1}`;
}

/**
 * Defaults from the domain brief (2023–2024): opening 05/9, Học kỳ I ends before 15/1,
 * Học kỳ II ends by 25/5. Provinces set exact dates; these stay editable per school year.
 */
export function defaultSchoolYearDates(startYear: number): SchoolYearDates {
  const next = startYear + 1;
  return {
    startYear,
    hk1Start: `${startYear}-09-05`,
    hk1End: `${next}-01-14`,
    hk2Start: `${next}-01-15`,
    hk2End: `${next}-05-25`,
  };
}

/**
 * The widest span a school year opening in startYear may cover: August to the next July. Adjacent
 * years can never overlap inside these bounds, so a date belongs to at most one year; July still fits
 * years that ran late (2019–2020 ended in July 2020).
 */
export function schoolYearBounds(startYear: number): { from: IsoDate; to: IsoDate } {
  return { from: `${startYear}-08-01`, to: `${startYear + 1}-07-31` };
}

/** Problems with edited semester dates, as i18n keys; empty when the dates are coherent. */
export function validateSchoolYearDates(dates: SchoolYearDates): string[] {
  const problems: string[] = [];
  // String comparison only orders real 'yyyy-MM-dd' days: '' or '2024-02-30' would slip through.
  if (![dates.hk1Start, dates.hk1End, dates.hk2Start, dates.hk2End].every(isIsoDate)) return ['errors.dateInvalid'];
  // A mistyped year (HK II ending 25/05/2025 in 2023–2024) would swallow the next school year.
  const bounds = schoolYearBounds(dates.startYear);
  if (dates.hk1Start < bounds.from || dates.hk2End > bounds.to) problems.push('errors.yearMismatch');
  if (!(dates.hk1Start < dates.hk1End)) problems.push('errors.hk1Order');
  if (!(dates.hk1End < dates.hk2Start)) problems.push('errors.semesterOverlap');
  if (!(dates.hk2Start < dates.hk2End)) problems.push('errors.hk2Order');
  return problems;
}

export function semesterOf(date: IsoDate, year: SchoolYearDates): SemesterCode | null {
  if (date >= year.hk1Start && date <= year.hk1End) return 'HK1';
  if (date >= year.hk2Start && date <= year.hk2End) return 'HK2';
  return null;
}

export function semesterRange(year: SchoolYearDates, semester: SemesterCode): { from: IsoDate; to: IsoDate } {
  return semester === 'HK1' ? { from: year.hk1Start, to: year.hk1End } : { from: year.hk2Start, to: year.hk2End };
}

/**
 * The school year a dated activity belongs to, given the years the teacher has.
 * A date within a year's span (opening to end of HK II) belongs to it. Any other date — a summer
 * course, a date before the first year — goes by the calendar: June to December prepares the school
 * year opening that September, January to May belongs to the year that opened the previous September.
 */
export function startYearForDate(date: IsoDate, years: readonly SchoolYearDates[]): number {
  const containing = years.find((y) => date >= y.hk1Start && date <= y.hk2End);
  if (containing) return containing.startYear;
  const calendarYear = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 6 ? calendarYear : calendarYear - 1;
}

/** The school year that contains today, or the one it will open in. */
export function currentStartYear(today: IsoDate, years: readonly SchoolYearDates[]): number {
  return startYearForDate(today, years);
}

/** Months shown for a school year: from its opening month to the end of HK II. */
export function schoolYearMonths(year: SchoolYearDates): string[] {
  return monthsBetween(year.hk1Start, year.hk2End);
}

export function semesterMonths(year: SchoolYearDates, semester: SemesterCode): string[] {
  const { from, to } = semesterRange(year, semester);
  return monthsBetween(from, to);
}

export function isInMonth(date: IsoDate, month: string): boolean {
  return monthOf(date) === month;
}
