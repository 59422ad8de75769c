/**
 * Record rules needed both by the zod schemas (records.ts) and by the local database layer. Kept free
 * of zod so that code on the first screen can check them without loading the schema library.
 */
export const MAX_TIET_PER_ENTRY = 12;
/** Generous cap: a 5,000-word reflection is ~35 KB; 100 KB must fit (issue #2). */
export const MAX_TEXT_LENGTH = 200_000;

export type ReflectionKind = 'month' | 'semester';

/** 'yyyy-MM' with a real month. */
export const MONTH_PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const SEMESTER_PERIOD = /^HK[12]$/;

/** A month reflection has a month period, a semester reflection 'HK1' or 'HK2'. */
export function isReflectionPeriod(kind: ReflectionKind, period: string): boolean {
  return (kind === 'month' ? MONTH_PERIOD : kind === 'semester' ? SEMESTER_PERIOD : null)?.test(period) ?? false;
}
