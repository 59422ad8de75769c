import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates.ts';
import { currentStartYear, validateSchoolYearDates, type SchoolYearDates } from './schoolYear.ts';
import { normalizeLine } from './text.ts';

/**
 * School settings set by the admin (issue #7), delivered to every device with sync so that the app
 * and the PDF use them offline. Defaults apply before the first sync and with no server.
 */
const line = z.string().max(300).transform(normalizeLine);

export const schoolSettingsSchema = z.object({
  schoolName: line,
  /** Cơ quan chủ quản, e.g. "PHÒNG GD&ĐT HUYỆN LỘC HÀ". */
  governingBody: line,
  /** Place name for the date line ("Lộc Nga, ngày 05 tháng 01 năm 2024"). */
  placeName: line,
  pdfTitle: line,
  /** Rubric catalog id used for new observations (catalogs/rubrics.ts). */
  observationRubricId: z.string().min(1).max(40),
  /** Minimum 20-point total for each rating of a scored rubric. */
  ratingThresholds: z.object({ gioi: z.number().min(0).max(20), kha: z.number().min(0).max(20), trungBinh: z.number().min(0).max(20) }),
  /** Minimums per semester. */
  minObservationsPerSemester: z.number().int().min(0).max(100),
  minTietPerProgram: z.object({ '01': z.number().min(0).max(200), '02': z.number().min(0).max(200), '03': z.number().min(0).max(200) }),
  /**
   * Semester dates the school sets per school year (issue #7). A year listed here overrides the dates
   * each teacher's logbook holds for it (adopted by the app at sync, preferred by the server's overview
   * and PDF); years not listed keep the teacher's own.
   * Defaults to none, so settings stored before this key existed still parse.
   */
  schoolYears: z
    .array(
      z.object({
        startYear: z.number().int().min(2000).max(2099),
        hk1Start: z.string().max(10),
        hk1End: z.string().max(10),
        hk2Start: z.string().max(10),
        hk2End: z.string().max(10),
      }),
    )
    .max(30)
    .default([])
    .superRefine((years, issues) => {
      const seen = new Set<number>();
      years.forEach((year, index) => {
        if (seen.has(year.startYear)) issues.addIssue({ code: 'custom', path: [index, 'startYear'], message: SCHOOL_YEAR_PROBLEMS['errors.duplicateYear'] });
        seen.add(year.startYear);
        for (const key of validateSchoolYearDates(year)) issues.addIssue({ code: 'custom', path: [index, schoolYearProblemField(key, year)], message: SCHOOL_YEAR_PROBLEMS[key] ?? key });
      });
    }),
});
export type SchoolSettings = z.infer<typeof schoolSettingsSchema>;

export const DEFAULT_SCHOOL_SETTINGS: SchoolSettings = {
  schoolName: '',
  governingBody: '',
  placeName: '',
  pdfTitle: 'SỔ BỒI DƯỠNG CHUYÊN MÔN, NGHIỆP VỤ',
  observationRubricId: 'khung-3x4',
  ratingThresholds: { gioi: 18, kha: 13.5, trungBinh: 10 },
  minObservationsPerSemester: 4,
  // A semester carries half of the year's 120 tiết (40 per program).
  minTietPerProgram: { '01': 20, '02': 20, '03': 20 },
  schoolYears: [],
};

/** Stored settings (JSON text) over the defaults: a key added to the defaults later applies to older schools. */
export function parseSchoolSettings(raw: string): SchoolSettings {
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    stored = {};
  }
  const merged = { ...DEFAULT_SCHOOL_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = schoolSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SCHOOL_SETTINGS;
}

/**
 * Server-side messages for the problems validateSchoolYearDates names (the app shows its own
 * translations of the same keys next to each field).
 */
const SCHOOL_YEAR_PROBLEMS: Record<string, string> = {
  'errors.dateInvalid': 'Ngày không hợp lệ (dd/mm/yyyy).',
  'errors.yearMismatch': 'Các ngày phải nằm trong năm học (từ tháng 8 năm đầu tới tháng 7 năm sau).',
  'errors.hk1Order': 'Ngày kết thúc Học kỳ I phải sau ngày bắt đầu.',
  'errors.semesterOverlap': 'Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc.',
  'errors.hk2Order': 'Ngày kết thúc Học kỳ II phải sau ngày bắt đầu.',
  'errors.duplicateYear': 'Năm học này đã có trong danh sách.',
};

/** The date field a problem of validateSchoolYearDates is shown next to. */
export function schoolYearProblemField(problem: string, year: Omit<SchoolYearDates, 'startYear'>): keyof Omit<SchoolYearDates, 'startYear'> {
  if (problem === 'errors.dateInvalid') return (['hk1Start', 'hk1End', 'hk2Start', 'hk2End'] as const).find((k) => !isIsoDate(year[k])) ?? 'hk1Start';
  if (problem === 'errors.yearMismatch') return 'hk1Start';
  if (problem === 'errors.hk1Order') return 'hk1End';
  if (problem === 'errors.semesterOverlap') return 'hk2Start';
  return 'hk2End';
}

/** Vietnam's calendar day at epoch ms `now` (UTC+7, no daylight saving): the day the school lives in. */
export function vietnamToday(now: number): IsoDate {
  return new Date(now + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The school's current school year (its opening year) at `now`: the year of the school's semester
 * dates that contains today, otherwise the calendar rule of startYearForDate (June–December belong to
 * the year opening that September). Mentor pairs are per school year and the current one grants access.
 */
export function schoolCurrentYear(now: number, settings: Pick<SchoolSettings, 'schoolYears'> | null | undefined): number {
  return currentStartYear(vietnamToday(now), settings?.schoolYears ?? []);
}

/** A colleague in the school's directory (for "người dạy" and for the mentor/leader screens). */
export const directoryUserSchema = z.object({
  userId: z.string(),
  fullName: z.string(),
  department: z.string(),
  active: z.boolean(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;
