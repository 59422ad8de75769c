import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { MAX_TEXT_LENGTH } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * Lesson observations (dự giờ), issue #4. An observation is written by the observer in her own
 * logbook scope. When the observed teacher is a colleague with an account (teacherUserId), the server
 * mirrors it, read-only, into that colleague's scope as an `observedLessons` record (docs/sync.md), so
 * it appears in her "Tiết tôi dạy được dự" list and reaches her mentor and leaders.
 */

const text = z.string().max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText);
const line = z.string().max(500, 'errors.tooLong').transform(normalizeLine);
const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });

export const OBSERVATION_PURPOSES = ['kemCap', 'kiemTra', 'thaoGiang', 'chuyenDe', 'hoiGiang'] as const;
export type ObservationPurpose = (typeof OBSERVATION_PURPOSES)[number];

/** One row of "tiến trình bài dạy". time is free text as typed ("7:15", "Phút 10"), never reordered. */
export const timelineRowSchema = z.object({
  id: id,
  time: z.string().max(40).transform(normalizeLine),
  activity: text,
  note: text,
});
export type TimelineRow = z.infer<typeof timelineRowSchema>;

export const observationSchema = z.object({
  id: id,
  schoolYearId: id,
  date: z.string().refine(isIsoDate, 'errors.dateInvalid'),
  /** Tiết thứ mấy in the day, as typed ("3", "3-4"). */
  lessonPeriod: line,
  className: line,
  subject: line,
  lessonTitle: line,
  /** The colleague who taught (a user of the school), or null for someone outside the school. */
  teacherUserId: id.nullable(),
  /** Người dạy as shown; kept even if the colleague later leaves the school. */
  teacherName: line,
  /** Người dự, free text ("Nguyễn Văn A, Trần Thị B"). */
  observers: line,
  purpose: z.enum(OBSERVATION_PURPOSES),
  timeline: z.array(timelineRowSchema).max(500),
  /** Rubric catalog id and version the observation was made with (catalogs/rubrics.ts). */
  rubricId: z.string().min(1).max(40),
  rubricVersion: z.number().int().positive(),
  /** Nhận xét per rubric criterion code. */
  criterionComments: z.record(z.string().max(40), text),
  /** Scores per criterion code, for scored rubrics (20-point sheet); empty otherwise. */
  criterionScores: z.record(z.string().max(40), z.number().min(0).max(10)),
  strengths: text,
  weaknesses: text,
  lessonsLearned: text,
  /** Optional overall rating code of the rubric (e.g. 'gioi'), or null. */
  rating: z.string().max(40).nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Observation = z.infer<typeof observationSchema>;

/**
 * The server's read-only copy of a colleague's observation of this teacher's lesson, in her scope.
 * Written only by the server (clientPut false); id = the observation's id.
 */
export const observedLessonSchema = observationSchema.extend({
  /** The observer (author of the source observation). */
  observerUserId: id,
  observerName: line,
  /** The observer's scope, where the source observation lives. */
  sourceScopeId: id,
});
export type ObservedLesson = z.infer<typeof observedLessonSchema>;

/**
 * What the observation form submits. Errors are i18n keys of the observations screen
 * ('observations.errors.…'), shown next to their field. Only what identifies the lesson is required:
 * during a lesson the rest is filled in as it goes.
 */
export const observationInputSchema = z.object({
  date: z.string().min(1, 'observations.errors.dateRequired').refine(isIsoDate, 'observations.errors.dateInvalid'),
  lessonPeriod: line,
  className: line.refine((v) => v.length > 0, 'observations.errors.classRequired'),
  subject: line.refine((v) => v.length > 0, 'observations.errors.subjectRequired'),
  lessonTitle: line,
  teacherUserId: id.nullable(),
  teacherName: line.refine((v) => v.length > 0, 'observations.errors.teacherRequired'),
  observers: line,
  purpose: z.enum(OBSERVATION_PURPOSES, { message: 'observations.errors.purposeRequired' }),
  timeline: z.array(timelineRowSchema).max(500, 'observations.errors.timelineTooLong'),
  rubricId: z.string().min(1).max(40),
  rubricVersion: z.number().int().positive(),
  criterionComments: z.record(z.string().max(40), text),
  criterionScores: z.record(z.string().max(40), z.number().min(0).max(10)),
  strengths: text,
  weaknesses: text,
  lessonsLearned: text,
  rating: z.string().max(40).nullable(),
});
export type ObservationInput = z.input<typeof observationInputSchema>;

/** Field → i18n key of its first error ('timeline' for any problem inside a row). */
export function observationFieldErrors(error: z.ZodError): Partial<Record<keyof ObservationInput, string>> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const known = issue.message.startsWith('observations.errors.') || issue.message.startsWith('errors.');
    errors[field] ??= known ? issue.message : 'errors.invalid';
  }
  return errors;
}
