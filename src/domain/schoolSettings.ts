import { z } from 'zod';
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
};

/** A colleague in the school's directory (for "người dạy" and for the mentor/leader screens). */
export const directoryUserSchema = z.object({
  userId: z.string(),
  fullName: z.string(),
  department: z.string(),
  active: z.boolean(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;
