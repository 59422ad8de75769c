import { z } from 'zod';
import { entrySchema, profileSchema, reflectionSchema, schoolYearSchema } from '../domain/records.ts';

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
}

export const SYNC_TABLES = {
  profile: { schema: profileSchema, longText: [], clientPut: true, fixedId: 'profile' },
  schoolYears: { schema: schoolYearSchema, longText: [], clientPut: true },
  entries: { schema: entrySchema, longText: ['content', 'source', 'result', 'evidence', 'note'], clientPut: true },
  reflections: { schema: reflectionSchema, longText: ['text'], clientPut: true },
  conflicts: { schema: conflictCopySchema, longText: [], clientPut: false },
} as const satisfies Record<string, TableSpec>;

export type SyncTable = keyof typeof SYNC_TABLES;
export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as [SyncTable, ...SyncTable[]];

export function tableSpec(table: SyncTable): TableSpec {
  return SYNC_TABLES[table] as TableSpec;
}

export function isLongTextField(table: SyncTable, field: string): boolean {
  return tableSpec(table).longText.includes(field);
}
