import { z } from 'zod';
import { innovationTopicId, innovationTopicInputSchema, type InnovationTopic, type InnovationTopicInput } from '../../domain/innovationTopic.ts';
import type { LogbookDatabase } from './database.ts';
import { nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

export function getInnovationTopic(db: LogbookDatabase, schoolYearId: string): Promise<InnovationTopic | undefined> {
  return db.innovationTopics.get(innovationTopicId(schoolYearId));
}

/** Field path ("milestones.2.due") → i18n key of its first error. */
export type TopicErrors = Record<string, string>;

export type SaveTopicResult = { ok: true; topic: InnovationTopic } | { ok: false; errors: TopicErrors };

function topicErrors(error: z.ZodError): TopicErrors {
  const errors: TopicErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    errors[path] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  return errors;
}

/**
 * Writes the school year's topic (one per year; its id comes from the year, so two devices creating it
 * offline write the same record) and its outbox row in one transaction.
 */
export async function saveInnovationTopic(db: LogbookDatabase, schoolYearId: string, input: InnovationTopicInput): Promise<SaveTopicResult> {
  const parsed = innovationTopicInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: topicErrors(parsed.error) };
  const id = innovationTopicId(schoolYearId);
  return db.transaction('rw', db.innovationTopics, db.outbox, async () => {
    const previous = await db.innovationTopics.get(id);
    const now = nowIso();
    const topic: InnovationTopic = { ...parsed.data, id, schoolYearId, createdAt: previous?.createdAt ?? now, updatedAt: now };
    await db.innovationTopics.put(topic);
    await enqueue(db, 'innovationTopics', id, 'put');
    return { ok: true as const, topic };
  });
}
