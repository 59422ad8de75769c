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

// Rough costs per row in IndexedDB (Chromium): reading through an index in one request, versus
// stepping a cursor. Only their ratio matters: it picks the cheaper way to find the newest matches.
const COST_INDEX_ROW = 1;
const COST_CURSOR_ROW = 1.3;

const newestFirst = (a: StoredEntry, b: StoredEntry) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date));

export type SearchPlan = { kind: 'none' } | { kind: 'index'; word: string } | { kind: 'walk' };

/**
 * How searchEntries finds the matches, from index counts alone (no rows read): the rarest query word
 * through the searchWords index when its matches are few, otherwise a walk over the date index from
 * the newest entry that stops at `limit` — for a common word that reads about `limit` rows.
 */
export async function searchPlan(db: LogbookDatabase, words: readonly string[], limit: number): Promise<SearchPlan> {
  const total = await db.entries.count();
  if (total === 0 || words.length === 0) return { kind: 'none' };
  const counts = await Promise.all(words.map((word) => db.entries.where('searchWords').startsWith(word).count()));
  let rarest = 0;
  counts.forEach((count, i) => {
    if (count < counts[rarest]!) rarest = i;
  });
  const fewest = counts[rarest]!;
  if (fewest === 0) return { kind: 'none' };
  // Share of entries matching every word, taking the words as independent (an underestimate for
  // words that go together, such as "bồi dưỡng", which only favours the index).
  const share = counts.reduce((p, count) => p * Math.min(1, count / total), 1);
  const walkRows = Math.min(total, limit / share);
  return walkRows * COST_CURSOR_ROW < fewest * COST_INDEX_ROW ? { kind: 'walk' } : { kind: 'index', word: words[rarest]! };
}

/**
 * Diacritic- and case-insensitive search over every text field: each query word must start some word
 * of the entry. Newest first (date, then creation), at most `limit`. See searchPlan for how.
 */
export async function searchEntries(db: LogbookDatabase, query: string, limit = 200): Promise<Entry[]> {
  const words = queryWords(query);
  if (words.length === 0 || limit <= 0) return [];
  return db.transaction('r', db.entries, async () => searchWithPlan(db, words, limit, await searchPlan(db, words, limit)));
}

/** searchEntries along a given plan (exported so tests can check that both plans agree). */
export async function searchWithPlan(db: LogbookDatabase, words: readonly string[], limit: number, plan: SearchPlan): Promise<Entry[]> {
  return db.transaction('r', db.entries, async () => {
    if (plan.kind === 'none') return [];
    const matches = (e: StoredEntry) => matchesQuery(e.searchWords, words);

    if (plan.kind === 'index') {
      // A multi-entry index lists an entry once per matching word: keep one of each.
      const seen = new Set<string>();
      const rows = (await db.entries.where('searchWords').startsWith(plan.word).toArray()).filter((e) => !seen.has(e.id) && seen.add(e.id) && matches(e));
      return rows.sort(newestFirst).slice(0, limit).map(toEntry);
    }

    // Newest date first. Entries of the date where `limit` is reached are ordered by creation, which
    // the index does not follow: the walk takes that whole date, and stops at the first older one.
    const rows: StoredEntry[] = [];
    let boundary: string | null = null;
    await db.entries
      .orderBy('date')
      .reverse()
      .until((e) => boundary !== null && e.date < boundary)
      .filter(matches)
      .each((e) => {
        rows.push(e);
        if (rows.length === limit) boundary = e.date;
      });
    return rows.sort(newestFirst).slice(0, limit).map(toEntry);
  });
}
