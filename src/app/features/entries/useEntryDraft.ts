import type { LogbookDatabase } from '../../db/database.ts';
import { useFormDraft, type FormDraft } from '../../ui/useFormDraft.ts';
import { ENTRY_FIELDS, type EntryFormValues } from './entryFormValues.ts';

const sameValues = (a: EntryFormValues, b: EntryFormValues) => ENTRY_FIELDS.every((field) => a[field] === b[field]);

export type EntryDraft = FormDraft<EntryFormValues>;

/**
 * Keeps the entry form's unsaved input as a draft (meta key draftKey). Input equal to the stored entry
 * (or the new-entry defaults), `base`, removes the draft instead.
 */
export function useEntryDraft(db: LogbookDatabase, draftKey: string, base: EntryFormValues | null): EntryDraft {
  return useFormDraft(db, draftKey, base, sameValues);
}
