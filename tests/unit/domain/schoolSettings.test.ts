import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOL_SETTINGS, parseSchoolSettings, schoolCurrentYear, schoolSettingsSchema, vietnamToday } from '../../../src/domain/schoolSettings.ts';

const year2024 = { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-11', hk2Start: '2025-01-13', hk2End: '2025-06-12' };

describe('the school’s current school year', () => {
  it('is decided on Vietnam’s calendar day (UTC+7)', () => {
    // 31/05/2025 17:30 UTC is already 01/06/2025 in Vietnam: June opens 2025–2026 by the calendar rule.
    expect(vietnamToday(Date.UTC(2025, 4, 31, 17, 30))).toBe('2025-06-01');
    expect(schoolCurrentYear(Date.UTC(2025, 4, 31, 16, 30), null)).toBe(2024);
    expect(schoolCurrentYear(Date.UTC(2025, 4, 31, 17, 30), null)).toBe(2025);
    expect(schoolCurrentYear(Date.UTC(2025, 0, 2), null)).toBe(2024);
  });

  it('follows the semester dates the school set: a year running into June stays current until its last day', () => {
    const settings = { schoolYears: [year2024] };
    expect(schoolCurrentYear(Date.UTC(2025, 5, 12, 3), settings)).toBe(2024);
    expect(schoolCurrentYear(Date.UTC(2025, 5, 13, 3), settings)).toBe(2025);
  });
});

describe('school years in the settings', () => {
  it('are optional in stored settings (older schools) and checked per field when given', () => {
    expect(parseSchoolSettings(JSON.stringify({ placeName: 'Lộc Nga' }))).toEqual({ ...DEFAULT_SCHOOL_SETTINGS, placeName: 'Lộc Nga', schoolYears: [] });
    const wrong = schoolSettingsSchema.safeParse({ ...DEFAULT_SCHOOL_SETTINGS, schoolYears: [year2024, { ...year2024, startYear: 2025, hk1Start: '2025-09-05', hk1End: '2025-09-01', hk2Start: '2026-01-10', hk2End: '2026-05-25' }, year2024] });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['schoolYears.1.hk1End', 'Ngày kết thúc Học kỳ I phải sau ngày bắt đầu.'],
      ['schoolYears.2.startYear', 'Năm học này đã có trong danh sách.'],
    ]);
    const invalidDay = schoolSettingsSchema.safeParse({ ...DEFAULT_SCHOOL_SETTINGS, schoolYears: [{ ...year2024, hk2Start: '2025-02-30' }] });
    expect(invalidDay.error?.issues.map((i) => i.path.join('.'))).toEqual(['schoolYears.0.hk2Start']);
  });
});
