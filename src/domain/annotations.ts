import { z } from 'zod';
import { MAX_TEXT_LENGTH } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * Annotations: comments by a mentor or a leader on a record of a teacher's logbook, and the teacher's
 * replies (issues #4, #5, #7). Each is its own record, owned by its author (authorUserId) and stored in
 * the scope of the logbook it is about, so it never conflicts with the annotated record's text. The
 * server lets only the author put or delete it (docs/sync.md, write rules).
 */

const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });

export const ANNOTATION_TARGET_TABLES = ['observations', 'observedLessons', 'innovationTopics', 'semester'] as const;
export type AnnotationTargetTable = (typeof ANNOTATION_TARGET_TABLES)[number];

export const annotationAnchorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('whole') }),
  /** One rubric criterion of an observation. */
  z.object({ kind: z.literal('criterion'), code: z.string().min(1).max(40) }),
  /** One timeline row of an observation. */
  z.object({ kind: z.literal('timelineRow'), rowId: id }),
]);
export type AnnotationAnchor = z.infer<typeof annotationAnchorSchema>;

export const annotationSchema = z.object({
  id: id,
  /** What is annotated: a record of the scope (observations, observedLessons, innovationTopics) or a
   * semester of the logbook ('semester', targetId `${schoolYearId}:HK1`). */
  targetTable: z.enum(ANNOTATION_TARGET_TABLES),
  targetId: z.string().min(1).max(140),
  anchor: annotationAnchorSchema,
  /** The thread's first annotation, or null for the first annotation itself. */
  threadId: id.nullable(),
  authorUserId: id,
  authorName: z.string().max(200).transform(normalizeLine),
  text: z.string().min(1, 'errors.contentRequired').max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Annotation = z.infer<typeof annotationSchema>;

/** "Đã đọc" of an annotation by the scope's owner; synced so that reading on one device clears the
 * unread badge on all of hers. id = the annotation's id. */
export const annotationReadSchema = z.object({
  id: id,
  readAt: timestamp,
});
export type AnnotationRead = z.infer<typeof annotationReadSchema>;
