import { z } from 'zod';
import { BDTX_MODULE_CODES, BDTX_PROGRAM_CODES } from './catalogs/bdtx.ts';
import { TRAINING_FORM_CODES } from './catalogs/trainingForms.ts';
import { isIsoDate } from './dates.ts';
import { isReflectionPeriod, MAX_TEXT_LENGTH, MAX_TIET_PER_ENTRY, MONTH_PERIOD, SEMESTER_PERIOD } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * Persisted shapes of the teacher's logbook. LOGBOOK_SCHEMA_VERSION is carried by backups and the
 * local database; bump it with a migration (see migrations.ts, backup.ts and app/db/database.ts).
 * Error messages are i18n keys (errors.*), shown next to the field in the teacher's language.
 */
export const LOGBOOK_SCHEMA_VERSION = 3;

// Re-exported: the limits live in a zod-free module shared with the Dexie layer.
export { MAX_TEXT_LENGTH, MAX_TIET_PER_ENTRY, MONTH_PERIOD, SEMESTER_PERIOD };

const text = z.string().max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText);
const line = z.string().max(500, 'errors.tooLong').transform(normalizeLine);
const isoDate = z.string().refine(isIsoDate, 'errors.dateInvalid');
const timestamp = z.string().datetime({ offset: true });
const id = z.string().min(1).max(64);

export const profileSchema = z.object({
  id: z.literal('profile'),
  fullName: line,
  school: line,
  department: line,
  subject: line,
  position: line,
  homeroomClass: line,
  district: line,
  province: line,
  updatedAt: timestamp,
});
export type Profile = z.infer<typeof profileSchema>;
export const PROFILE_FIELDS = ['fullName', 'school', 'department', 'subject', 'position', 'homeroomClass', 'district', 'province'] as const;

export const schoolYearSchema = z.object({
  id: id,
  startYear: z.number().int().min(2000).max(2100),
  hk1Start: isoDate,
  hk1End: isoDate,
  hk2Start: isoDate,
  hk2End: isoDate,
  updatedAt: timestamp,
});
export type SchoolYear = z.infer<typeof schoolYearSchema>;

/** What the entry form submits; validated before anything is written. */
export const entryInputSchema = z
  .object({
    date: z.string().min(1, 'errors.dateRequired').refine(isIsoDate, 'errors.dateInvalid'),
    content: text.refine((v) => v.trim().length > 0, 'errors.contentRequired'),
    form: z.enum(TRAINING_FORM_CODES, { message: 'errors.formRequired' }),
    bdtxProgram: z.enum(BDTX_PROGRAM_CODES).nullable(),
    module: z.enum(BDTX_MODULE_CODES).nullable(),
    periods: z
      .number({ message: 'errors.periodsNotNumber' })
      .refine(Number.isFinite, 'errors.periodsNotNumber')
      .refine((v) => v > 0, 'errors.periodsPositive')
      .refine((v) => v <= MAX_TIET_PER_ENTRY, 'errors.periodsTooMany')
      // Quarter-tiết resolution keeps totals exact in floating point.
      .refine((v) => Number.isInteger(v * 4), 'errors.periodsStep'),
    source: text,
    result: text,
    evidence: text,
    note: text,
  })
  .superRefine((entry, ctx) => {
    if (entry.bdtxProgram === '03' && !entry.module) {
      ctx.addIssue({ code: 'custom', path: ['module'], message: 'errors.moduleRequired' });
    }
  })
  .transform((entry) => ({ ...entry, module: entry.bdtxProgram === '03' ? entry.module : null }));
export type EntryInput = z.input<typeof entryInputSchema>;
export type ValidEntryInput = z.output<typeof entryInputSchema>;

export const entrySchema = z.object({
  id: id,
  schoolYearId: id,
  date: isoDate,
  content: text,
  form: z.enum(TRAINING_FORM_CODES),
  bdtxProgram: z.enum(BDTX_PROGRAM_CODES).nullable(),
  module: z.enum(BDTX_MODULE_CODES).nullable(),
  periods: z.number().positive().max(MAX_TIET_PER_ENTRY),
  source: text,
  result: text,
  evidence: text,
  note: text,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Entry = z.infer<typeof entrySchema>;

export const reflectionSchema = z
  .object({
    id: id,
    schoolYearId: id,
    kind: z.enum(['month', 'semester']),
    /** 'yyyy-MM' for a month, 'HK1' | 'HK2' for a semester. */
    period: z.string().regex(/^(\d{4}-(0[1-9]|1[0-2])|HK1|HK2)$/),
    text: text,
    updatedAt: timestamp,
  })
  // The kind must match the period, or the reflection is never found under its [year+kind+period] key.
  .refine((r) => isReflectionPeriod(r.kind, r.period), { path: ['period'], message: 'errors.invalid' });
export type Reflection = z.infer<typeof reflectionSchema>;

/** Field errors keyed by field name, values are i18n keys. */
export type FieldErrors<T> = Partial<Record<keyof T & string, string>>;

export function fieldErrors<T>(error: z.ZodError): FieldErrors<T> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  return errors as FieldErrors<T>;
}
