import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { MAX_TEXT_LENGTH } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * The innovation topic ("nội dung đổi mới"), one per teacher per school year (issue #5). Its id is
 * derived from the school year (innovationTopicId) so that two devices creating it offline write the
 * same record and merge, instead of making two topics.
 */
const text = z.string().max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText);
const line = z.string().max(500, 'errors.tooLong').transform(normalizeLine);
const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });

export const TOPIC_STATUSES = ['registered', 'inProgress', 'summarised'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const milestoneSchema = z.object({
  id: id,
  /** Thời gian, an ISO date the milestone is due. */
  due: z.string().refine(isIsoDate, 'errors.dateInvalid'),
  task: line,
  expectedProduct: line,
  done: z.boolean(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** Evidence linked to a progress note: a logbook entry or an observation of the same scope. */
export const evidenceLinkSchema = z.object({ table: z.enum(['entries', 'observations']), id: id });

export const progressNoteSchema = z.object({
  id: id,
  date: z.string().refine(isIsoDate, 'errors.dateInvalid'),
  text: text,
  evidence: z.array(evidenceLinkSchema).max(50),
});
export type ProgressNote = z.infer<typeof progressNoteSchema>;

export const innovationTopicSchema = z.object({
  id: id,
  schoolYearId: id,
  title: line,
  reason: text,
  goals: text,
  measures: text,
  milestones: z.array(milestoneSchema).max(100),
  progressNotes: z.array(progressNoteSchema).max(500),
  summary: text,
  status: z.enum(TOPIC_STATUSES),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type InnovationTopic = z.infer<typeof innovationTopicSchema>;

export { innovationTopicId } from './innovationTopicRules.ts';

/** The topic as the form edits it (id, year and timestamps are the database's). */
export const innovationTopicInputSchema = innovationTopicSchema.omit({ id: true, schoolYearId: true, createdAt: true, updatedAt: true });
export type InnovationTopicInput = z.input<typeof innovationTopicInputSchema>;

export function emptyInnovationTopic(): InnovationTopicInput {
  return { title: '', reason: '', goals: '', measures: '', milestones: [], progressNotes: [], summary: '', status: 'registered' };
}

/** Statuses go forward one step at a time; a teacher may step back to correct a mistake. */
export function nextTopicStatus(status: TopicStatus): TopicStatus | null {
  const index = TOPIC_STATUSES.indexOf(status);
  return TOPIC_STATUSES[index + 1] ?? null;
}
