import { describe, expect, it } from 'vitest';
import {
  currentStartYear,
  defaultSchoolYearDates,
  schoolYearLabel,
  schoolYearMonths,
  semesterMonths,
  semesterOf,
  semesterRange,
  startYearForDate,
  validateSchoolYearDates,
} from '../../../src/domain/schoolYear.ts';

const y2023 = defaultSchoolYearDates(2023);

describe('defaultSchoolYearDates', () => {
  it('opens 05/09, ends HK I on 14/01, starts HK II on 15/01 and ends it on 25/05', () => {
    expect(y2023).toEqual({ startYear: 2023, hk1Start: '2023-09-05', hk1End: '2024-01-14', hk2Start: '2024-01-15', hk2End: '2024-05-25' });
    expect(validateSchoolYearDates(y2023)).toEqual([]);
  });
  it('labels the year with both calendar years', () => {
    expect(schoolYearLabel(2023)).toBe('2023–2024');
  });
});

describe('semesterOf', () => {
  it.each([
    ['2023-09-04', null],
    ['2023-09-05', 'HK1'],
    ['2023-12-31', 'HK1'],
    ['2024-01-14', 'HK1'],
    ['2024-01-15', 'HK2'],
    ['2024-05-25', 'HK2'],
    ['2024-05-26', null],
    ['2024-07-15', null],
  ] as const)('%s → %s (boundaries inclusive, summer outside)', (date, expected) => {
    expect(semesterOf(date, y2023)).toBe(expected);
  });
  it('follows edited dates', () => {
    const edited = { ...y2023, hk1End: '2024-01-10', hk2Start: '2024-01-11' };
    expect(semesterOf('2024-01-11', edited)).toBe('HK2');
    expect(semesterOf('2024-01-10', edited)).toBe('HK1');
  });
  it('a gap between the semesters belongs to neither', () => {
    const gap = { ...y2023, hk1End: '2024-01-10', hk2Start: '2024-01-20' };
    expect(semesterOf('2024-01-15', gap)).toBeNull();
  });
});

describe('semesterRange and months', () => {
  it('gives each semester its own dates', () => {
    expect(semesterRange(y2023, 'HK1')).toEqual({ from: '2023-09-05', to: '2024-01-14' });
    expect(semesterRange(y2023, 'HK2')).toEqual({ from: '2024-01-15', to: '2024-05-25' });
  });
  it('lists the months of the year and of each semester, across the year end', () => {
    expect(schoolYearMonths(y2023)).toEqual(['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(semesterMonths(y2023, 'HK1')).toEqual(['2023-09', '2023-10', '2023-11', '2023-12', '2024-01']);
    expect(semesterMonths(y2023, 'HK2')).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
  });
});

describe('startYearForDate', () => {
  const years = [defaultSchoolYearDates(2022), y2023];
  it('a date inside a year belongs to it', () => {
    expect(startYearForDate('2023-10-01', years)).toBe(2023);
    expect(startYearForDate('2024-03-01', years)).toBe(2023);
    expect(startYearForDate('2023-03-01', years)).toBe(2022);
  });
  it('summer prepares the year opening that September', () => {
    expect(startYearForDate('2024-06-01', years)).toBe(2024);
    expect(startYearForDate('2024-07-20', years)).toBe(2024);
    expect(startYearForDate('2024-09-04', [])).toBe(2024);
  });
  it('January to May belongs to the year that opened the previous September', () => {
    expect(startYearForDate('2026-01-03', [])).toBe(2025);
    expect(startYearForDate('2026-05-31', [])).toBe(2025);
    expect(startYearForDate('2025-12-31', [])).toBe(2025);
  });
  it('respects edited dates: an early opening or a late closing stays in its year', () => {
    const early = { ...defaultSchoolYearDates(2024), hk1Start: '2024-08-19' };
    const late = { ...y2023, hk2End: '2024-06-07' };
    expect(startYearForDate('2024-08-20', [late, early])).toBe(2024);
    expect(startYearForDate('2024-06-05', [late, early])).toBe(2023);
    expect(startYearForDate('2024-06-08', [late, early])).toBe(2024);
  });
  it('currentStartYear is the same rule for today', () => {
    expect(currentStartYear('2024-02-10', years)).toBe(2023);
  });
});

describe('validateSchoolYearDates', () => {
  it('accepts the defaults of any year', () => {
    for (const startYear of [2000, 2023, 2099]) expect(validateSchoolYearDates(defaultSchoolYearDates(startYear))).toEqual([]);
  });
  it('reports each incoherence with its key', () => {
    expect(validateSchoolYearDates({ ...y2023, hk1End: '2023-09-05' })).toEqual(['errors.hk1Order']);
    expect(validateSchoolYearDates({ ...y2023, hk2Start: '2024-01-14' })).toEqual(['errors.semesterOverlap']);
    expect(validateSchoolYearDates({ ...y2023, hk2End: '2024-01-15' })).toEqual(['errors.hk2Order']);
  });
  it('refuses dates that are not real days', () => {
    expect(validateSchoolYearDates({ ...y2023, hk1Start: '' })).toContain('errors.dateInvalid');
    expect(validateSchoolYearDates({ ...y2023, hk2End: '2024-02-30' })).toContain('errors.dateInvalid');
  });
  it('refuses a year whose dates do not fall in its own calendar years', () => {
    expect(validateSchoolYearDates({ ...y2023, hk1Start: '2024-09-05', hk1End: '2024-12-01', hk2Start: '2025-01-01', hk2End: '2025-05-25' })).toEqual([
      'errors.yearMismatch',
    ]);
  });
});
