import { z } from 'zod';
import { annotationReadSchema, annotationSchema } from '../domain/annotations.ts';
import { confirmationSchema } from '../domain/confirmations.ts';
import { innovationTopicSchema } from '../domain/innovationTopic.ts';
import { observationSchema, observedLessonSchema } from '../domain/observations.ts';
import { entrySchema, profileSchema, reflectionSchema, schoolYearSchema } from '../domain/records.ts';
import { skknRevisionSchema, skknSchema, skknSectionSchema } from '../domain/skkn.ts';

/**
 * The record tables that travel through sync, with their zod schema and the fields the merge
 * treats as long text. Adding a record type (observations, annotations, innovation topic, SKKN)
 * means adding one row here; the server and the client engine both read this table.
 *
 * Long-text fields are merged by "first arrival keeps the field, a concurrent edit becomes a
 * conflict copy" (docs/sync.md); every other field is "last arrival wins".
 */

/** A copy of long-text values that lost a concurrent edit: the teacher sees it and merges by hand. */
export const conflictCopySchema = z.object({
  id: z.string().min(1).max(200),
  /** Table and id of the record the edit was meant for. */
  table: z.string().min(1).max(40),
  recordId: z.string().min(1).max(64),
  /** The values the other device wrote, kept here instead of in the record. */
  fields: z.record(z.string(), z.string()),
  /** The values that device edited from (null: it sent no base). */
  base: z.record(z.string(), z.string().nullable()),
  /** The record's values when the conflict happened (the ones that were kept). */
  kept: z.record(z.string(), z.string()),
  clientId: z.string(),
  mutationId: z.number().int(),
  createdAt: z.string(),
});
export type ConflictCopy = z.infer<typeof conflictCopySchema>;

export interface TableSpec {
  /** Full record schema; a merged record must pass it or the mutation is rejected. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Fields merged as long text (conflict copy instead of overwrite). */
  longText: readonly string[];
  /** Whether clients may put records (conflicts are written by the server only; clients delete them). */
  clientPut: boolean;
  /** A fixed record id, for singleton tables. */
  fixedId?: string;
  /**
   * Who may write records of this table in a scope (enforced by the server in the write itself):
   * - 'owner': the scope's owner only;
   * - 'author': the owner, a mentor of the owner or a leader over the owner, each only records whose
   *   `authorUserId` is themselves (they can never edit another person's record);
   * - 'leader': a leader over the owner only, records whose `authorUserId` is themselves;
   * - 'server': written by the server only (the owner may delete conflict copies).
   */
  write: 'owner' | 'author' | 'leader' | 'server';
  /** Whether a mentor of the scope's owner (who is not also her leader) receives these records. */
  mentorReads: boolean;
}

export const SYNC_TABLES = {
  profile: { schema: profileSchema, longText: [], clientPut: true, fixedId: 'profile', write: 'owner', mentorReads: true },
  schoolYears: { schema: schoolYearSchema, longText: [], clientPut: true, write: 'owner', mentorReads: true },
  entries: { schema: entrySchema, longText: ['content', 'source', 'result', 'evidence', 'note'], clientPut: true, write: 'owner', mentorReads: false },
  reflections: { schema: reflectionSchema, longText: ['text'], clientPut: true, write: 'owner', mentorReads: false },
  conflicts: { schema: conflictCopySchema, longText: [], clientPut: false, write: 'server', mentorReads: false },
  observations: { schema: observationSchema, longText: ['strengths', 'weaknesses', 'lessonsLearned'], clientPut: true, write: 'owner', mentorReads: true },
  observedLessons: { schema: observedLessonSchema, longText: [], clientPut: false, write: 'server', mentorReads: true },
  annotations: { schema: annotationSchema, longText: ['text'], clientPut: true, write: 'author', mentorReads: true },
  annotationReads: { schema: annotationReadSchema, longText: [], clientPut: true, write: 'owner', mentorReads: false },
  confirmations: { schema: confirmationSchema, longText: [], clientPut: true, write: 'leader', mentorReads: false },
  innovationTopics: { schema: innovationTopicSchema, longText: ['reason', 'goals', 'measures', 'summary'], clientPut: true, write: 'owner', mentorReads: true },
  skkn: { schema: skknSchema, longText: ['abstract'], clientPut: true, write: 'owner', mentorReads: false },
  skknSections: { schema: skknSectionSchema, longText: ['content', 'notes'], clientPut: true, write: 'owner', mentorReads: false },
  skknRevisions: { schema: skknRevisionSchema, longText: [], clientPut: true, write: 'owner', mentorReads: false },
} as const satisfies Record<string, TableSpec>;

export type SyncTable = keyof typeof SYNC_TABLES;
export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as [SyncTable, ...SyncTable[]];

export function tableSpec(table: SyncTable): TableSpec {
  return SYNC_TABLES[table] as TableSpec;
}

export function isLongTextField(table: SyncTable, field: string): boolean {
  return tableSpec(table).longText.includes(field);
}
