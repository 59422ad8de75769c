import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { MAX_TEXT_LENGTH } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * SKKN drafts (issue #5). The draft record holds the cover, the section order and the references;
 * each section's text is its own record (skknSections) so that edits in different sections never
 * touch the same record, and its revisions are append-only records (skknRevisions).
 */
const text = z.string().max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText);
const line = z.string().max(500, 'errors.tooLong').transform(normalizeLine);
const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });
/** A section's rich text as HTML produced by the editor; 30,000 words fit easily. */
const richText = z.string().max(2_000_000, 'errors.tooLong').transform(normalizeText);

export const SKKN_STATUSES = ['draft', 'submitted', 'recognised'] as const;

export const skknAuthorSchema = z.object({ name: line, contributionPercent: z.number().min(0).max(100) });

export const skknReferenceSchema = z.object({
  id: id,
  authors: line,
  year: z.string().max(20).transform(normalizeLine),
  title: line,
  publisher: line,
  url: z.string().max(2000).transform(normalizeLine),
});
export type SkknReference = z.infer<typeof skknReferenceSchema>;

export const skknSectionRefSchema = z.object({
  id: id,
  title: line,
  level: z.number().int().min(1).max(4),
  /** Numbered in the document ("2.3."); Phụ lục is not. Records written before the field count as numbered. */
  numbered: z.boolean().default(true),
});
export type SkknSectionRef = z.infer<typeof skknSectionRefSchema>;

export const skknSchema = z.object({
  id: id,
  schoolYearId: id,
  /** Outline template it was created from (catalogs/skknOutlines.ts). */
  outlineId: z.string().min(1).max(40),
  title: line,
  authors: z.array(skknAuthorSchema).min(1).max(10),
  position: line,
  department: line,
  unit: line,
  field: line,
  /** Ngày áp dụng lần đầu, or null before the first application. */
  firstAppliedOn: z.string().refine(isIsoDate, 'errors.dateInvalid').nullable(),
  /** Sections in document order (ids of skknSections records). */
  sections: z.array(skknSectionRefSchema).max(200),
  references: z.array(skknReferenceSchema).max(500),
  abstract: text,
  innovationTopicId: id.nullable(),
  status: z.enum(SKKN_STATUSES),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Skkn = z.infer<typeof skknSchema>;

export const skknSectionSchema = z.object({
  id: id,
  skknId: id,
  content: richText,
  /** Per-section notes and todos. */
  notes: text,
  updatedAt: timestamp,
});
export type SkknSection = z.infer<typeof skknSectionSchema>;

export const skknRevisionSchema = z.object({
  id: id,
  skknId: id,
  sectionId: id,
  content: richText,
  /** A name given on demand; null for automatic snapshots. */
  name: z.string().max(200).transform(normalizeLine).nullable(),
  kind: z.enum(['auto', 'named', 'restore']),
  createdAt: timestamp,
});
export type SkknRevision = z.infer<typeof skknRevisionSchema>;

/** Recognition must be claimed within a year of the first application (Nghị định 13/2012). */
export const RECOGNITION_WINDOW_DAYS = 365;
/** The cover warns this many days before the window closes. */
export const RECOGNITION_WARNING_DAYS = 60;

export type RecognitionWindow =
  | { state: 'none' }
  | { state: 'open' | 'closing' | 'closed'; deadline: string; daysLeft: number };

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** Where the 1-year recognition window stands on `today` (ISO dates), for the cover's warning. */
export function recognitionWindow(firstAppliedOn: string | null, today: string): RecognitionWindow {
  if (!firstAppliedOn || !isIsoDate(firstAppliedOn)) return { state: 'none' };
  const start = new Date(Date.UTC(Number(firstAppliedOn.slice(0, 4)) + 1, Number(firstAppliedOn.slice(5, 7)) - 1, Number(firstAppliedOn.slice(8, 10))));
  const deadline = start.toISOString().slice(0, 10);
  const daysLeft = dayNumber(deadline) - dayNumber(today);
  const state = daysLeft < 0 ? 'closed' : daysLeft <= RECOGNITION_WARNING_DAYS ? 'closing' : 'open';
  return { state, deadline, daysLeft };
}

/** Authors' contributions must add up to 100 % (one author: 100). */
export function contributionTotal(authors: ReadonlyArray<{ contributionPercent: number }>): number {
  return Math.round(authors.reduce((sum, author) => sum + author.contributionPercent, 0) * 100) / 100;
}
