import { entryInputSchema, fieldErrors, type Entry, type EntryInput, type FieldErrors, type SchoolYear } from '../../domain/records.ts';
import { semesterOf, startYearForDate } from '../../domain/schoolYear.ts';
import { matchesQuery, queryWords } from '../../domain/text.ts';
import { entrySearchWords, type LogbookDatabase, type StoredEntry } from './database.ts';
import { newId, nowIso } from './ids.ts';
import { setMeta } from './meta.ts';
import { enqueue } from './outbox.ts';
import { ensureSchoolYear } from './schoolYears.ts';

export type SaveEntryResult =
  | {
      ok: true;
      entry: Entry;
      schoolYear: SchoolYear;
      /** Set when the date lies outside every semester: the teacher is told where the entry went. */
      placement: { createdSchoolYear: boolean; outsideSemesters: boolean };
    }
  | { ok: false; errors: FieldErrors<EntryInput> };

export function toEntry(stored: StoredEntry): Entry {
  const { searchWords: _words, ...entry } = stored;
  return entry;
}

export async function saveEntry(db: LogbookDatabase, input: EntryInput, id?: string): Promise<SaveEntryResult> {
  const parsed = entryInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors<EntryInput>(parsed.error) };
  const valid = parsed.data;

  return db.transaction('rw', [db.entries, db.schoolYears, db.outbox, db.meta], async () => {
    const years = await db.schoolYears.toArray();
    const { year, created } = await ensureSchoolYear(db, startYearForDate(valid.date, years));
    const previous = id ? await db.entries.get(id) : undefined;
    const now = nowIso();
    const entry: Entry = {
      ...valid,
      id: previous?.id ?? id ?? newId(),
      schoolYearId: year.id,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await db.entries.put({ ...entry, searchWords: entrySearchWords(entry) });
    await enqueue(db, 'entries', entry.id, 'put');
    await setMeta(db, 'lastEntryForm', { form: valid.form, bdtxProgram: valid.bdtxProgram, module: valid.module, periods: valid.periods });
    return {
      ok: true as const,
      entry,
      schoolYear: year,
      placement: { createdSchoolYear: created, outsideSemesters: semesterOf(valid.date, year) === null },
    };
  });
}

/** Deletes an entry and returns it, so the UI can offer "Hoàn tác" (undo). */
export async function deleteEntry(db: LogbookDatabase, id: string): Promise<Entry | null> {
  return db.transaction('rw', db.entries, db.outbox, async () => {
    const stored = await db.entries.get(id);
    if (!stored) return null;
    await db.entries.delete(id);
    await enqueue(db, 'entries', id, 'delete');
    return toEntry(stored);
  });
}

/** Puts back an entry exactly as it was before deletion (undo). */
export async function restoreEntry(db: LogbookDatabase, entry: Entry): Promise<void> {
  await db.transaction('rw', db.entries, db.outbox, async () => {
    await db.entries.put({ ...entry, searchWords: entrySearchWords(entry) });
    await enqueue(db, 'entries', entry.id, 'put');
  });
}

export async function getEntry(db: LogbookDatabase, id: string): Promise<Entry | undefined> {
  const stored = await db.entries.get(id);
  return stored ? toEntry(stored) : undefined;
}

/** Entries of a school year between two days inclusive, oldest first. */
export async function entriesBetween(db: LogbookDatabase, schoolYearId: string, from: string, to: string): Promise<Entry[]> {
  const rows = await db.entries.where('[schoolYearId+date]').between([schoolYearId, from], [schoolYearId, to], true, true).toArray();
  return rows.map(toEntry);
}

export async function entriesOfYear(db: LogbookDatabase, schoolYearId: string): Promise<Entry[]> {
  const rows = await db.entries.where('[schoolYearId+date]').between([schoolYearId, ''], [schoolYearId, '\uffff']).toArray();
  return rows.map(toEntry);
}

/**
 * Diacritic- and case-insensitive search over every text field: each query word must start some word
 * of the entry. The first word narrows through the index; the rest filter in memory. Newest first.
 */
export async function searchEntries(db: LogbookDatabase, query: string, limit = 200): Promise<Entry[]> {
  const words = queryWords(query);
  const [first, ...rest] = words;
  if (!first) return [];
  const rows = await db.entries
    .where('searchWords')
    .startsWith(first)
    .distinct()
    .filter((e) => matchesQuery(e.searchWords, rest))
    .toArray();
  rows.sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date)));
  return rows.slice(0, limit).map(toEntry);
}
