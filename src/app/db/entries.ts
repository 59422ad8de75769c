import { entryInputSchema, fieldErrors, type Entry, type EntryInput, type FieldErrors, type SchoolYear } from '../../domain/records.ts';
import { semesterOf, startYearForDate } from '../../domain/schoolYear.ts';
import { matchesQuery, queryWords } from '../../domain/text.ts';
import { entrySearchWords, fromStoredEntry, SEARCH_KEY_SEPARATOR, searchOrder, toStoredEntry, type LogbookDatabase, type StoredEntry } from './database.ts';
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
  return fromStoredEntry(stored);
}

export async function saveEntry(db: LogbookDatabase, input: EntryInput, id?: string): Promise<SaveEntryResult> {
  const parsed = entryInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors<EntryInput>(parsed.error) };
  const valid = parsed.data;

  return db.transaction('rw', [db.entries, db.schoolYears, db.outbox, db.meta, db.shadows], async () => {
    const years = await db.schoolYears.toArray();
    const { year, created } = await ensureSchoolYear(db, startYearForDate(valid.date, years));
    const previous = id ? await db.entries.get(id) : undefined;
    await keepServerCopy(db, previous);
    const now = nowIso();
    const entry: Entry = {
      ...valid,
      id: previous?.id ?? id ?? newId(),
      schoolYearId: year.id,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await db.entries.put(toStoredEntry(entry));
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
  return db.transaction('rw', db.entries, db.outbox, db.shadows, async () => {
    const stored = await db.entries.get(id);
    if (!stored) return null;
    await keepServerCopy(db, stored);
    await db.entries.delete(id);
    await enqueue(db, 'entries', id, 'delete');
    return toEntry(stored);
  });
}

/** Puts back an entry exactly as it was before deletion (undo). */
export async function restoreEntry(db: LogbookDatabase, entry: Entry): Promise<void> {
  await db.transaction('rw', db.entries, db.outbox, db.shadows, async () => {
    await keepServerCopy(db, await db.entries.get(entry.id));
    await db.entries.put(toStoredEntry(entry));
    await enqueue(db, 'entries', entry.id, 'put');
  });
}

/**
 * Call inside the transaction of a local write, before it: an entry sync stored as the server's copy
 * (StoredEntry.syncedGen) gets that copy as its shadow, so that the next batch sends only the fields
 * changed here, with the server's text as the base of long ones.
 */
export async function keepServerCopy(db: LogbookDatabase, stored: StoredEntry | undefined): Promise<void> {
  if (stored?.syncedGen === undefined) return;
  await db.shadows.put({ table: 'entries', id: stored.id, data: fromStoredEntry(stored) as unknown as Record<string, unknown>, gen: stored.syncedGen });
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

/** Keys read per request when walking a word's search keys, before the rows are fetched. */
const KEY_PAGE_MIN = 16;

/** Newest-first search keys of one search word (`word date createdAt id`), read a page at a time. */
class WordKeys {
  private keys: string[] = [];
  private upper: string;
  private done = false;

  constructor(
    private readonly db: LogbookDatabase,
    private readonly word: string,
    private readonly page: number,
  ) {
    this.upper = word + SEARCH_KEY_SEPARATOR + '\uffff';
  }

  /** The newest key not yet taken, or null when the word has no more entries. */
  async peek(): Promise<string | null> {
    if (this.keys.length === 0 && !this.done) {
      const lower = this.word + SEARCH_KEY_SEPARATOR;
      const keys = (await this.db.entries.where('searchKeys').between(lower, this.upper, true, false).reverse().limit(this.page).keys()) as string[];
      this.done = keys.length < this.page;
      // Read newest first; the oldest key read bounds the next page (exclusive).
      if (keys.length > 0) this.upper = keys[keys.length - 1]!;
      this.keys = keys.reverse();
    }
    return this.keys[this.keys.length - 1] ?? null;
  }

  take(): void {
    this.keys.pop();
  }

  /** Date, creation and id: what orders keys of different words. */
  suffix(key: string): string {
    return key.slice(this.word.length + 1);
  }
}

/**
 * The distinct search words starting with `prefix`, in ascending order, through the search keys (one
 * small forward read per word); null when there are more than `max` of them.
 */
async function wordsStartingWith(db: LogbookDatabase, prefix: string, max: number): Promise<string[] | null> {
  const words: string[] = [];
  let lower = prefix;
  for (;;) {
    const [key] = (await db.entries.where('searchKeys').between(lower, prefix + '\uffff', true, false).limit(1).keys()) as string[];
    if (key === undefined) return words;
    if (words.length === max) return null;
    const word = key.slice(0, key.indexOf(SEARCH_KEY_SEPARATOR));
    words.push(word);
    // Keys of `word` are `word …`; any later word sorts at or after `word!` ('!' follows the space).
    lower = word + '!';
  }
}

/** Past this many distinct words for one query word, all its keys are read and sorted at once. */
const MAX_MERGED_WORDS = 8;

async function sortedKeys(db: LogbookDatabase, prefix: string): Promise<string[]> {
  const keys = (await db.entries.where('searchKeys').startsWith(prefix).keys()) as string[];
  const suffix = (key: string) => key.slice(key.indexOf(SEARCH_KEY_SEPARATOR) + 1);
  // Oldest first, so the newest is popped first.
  return keys.map((key) => [suffix(key), key] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, key]) => key);
}

const idOfKey = (key: string) => key.split(SEARCH_KEY_SEPARATOR).slice(3).join(SEARCH_KEY_SEPARATOR);

/**
 * Diacritic- and case-insensitive search over every text field: each query word must start some word
 * of the entry. Newest first (date, then creation, then id), at most `limit`.
 *
 * The longest query word drives: its search keys (`word date createdAt id`, one
 * stream per distinct word it prefixes) are merged newest first, and only the rows they name are read,
 * a batch at a time, until `limit` of them match the other words — a common word reads about `limit`
 * rows, not all its matches. Entries still without search keys (StoredEntry.searchPending) are read
 * and matched one by one, and merged in.
 */
export async function searchEntries(db: LogbookDatabase, query: string, limit = 200): Promise<Entry[]> {
  const words = queryWords(query);
  if (words.length === 0 || limit <= 0) return [];
  // Entries whose search keys are not built yet (just pulled by sync) are scanned, before the index
  // is read: one being indexed meanwhile is then found twice rather than not at all.
  const pending = (await db.entries.where('searchPending').equals(1).toArray()).filter((row) => matchesQuery(entrySearchWords(row), words));
  const indexed = await searchIndexed(db, words, limit);
  if (pending.length === 0) return indexed;
  const seen = new Set<string>();
  return [...pending.map(toEntry), ...indexed]
    .map((entry) => [searchOrder(entry), entry] as const)
    .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
    .map(([, entry]) => entry)
    .filter((entry) => {
      if (seen.has(entry.id)) return false;
      seen.add(entry.id);
      return true;
    })
    .slice(0, limit);
}

/** searchEntries over the entries that have their search keys. */
async function searchIndexed(db: LogbookDatabase, words: string[], limit: number): Promise<Entry[]> {
  // No explicit transaction: the merge awaits helper functions between reads, which a Dexie
  // transaction would not survive; each read is consistent on its own, and the result is rechecked.
  // Drive with the longest query word that starts only a few distinct words: longer words are the
  // rarer ones, and index counts (which step over every matching key) would cost more than they save.
  const byLength = [...words].sort((a, b) => b.length - a.length);
  let drive = byLength[0]!;
  let variants: string[] | null = null;
  for (const word of byLength) {
    variants = await wordsStartingWith(db, word, MAX_MERGED_WORDS);
    if (variants?.length === 0) return [];
    if (variants) {
      drive = word;
      break;
    }
  }
  const page = Math.min(limit + 1, Math.max(KEY_PAGE_MIN, Math.ceil((2 * limit) / (variants?.length ?? 1))));
  const streams = (variants ?? []).map((word) => new WordKeys(db, word, page));
  // Only short prefixes of many words ("1" → 1, 10, 11, …): all their keys, sorted by what follows the word.
  const all = variants ? [] : await sortedKeys(db, drive);

  /** The newest key over all streams (a k-way merge), or null when all are exhausted. */
  const next = async (): Promise<string | null> => {
    if (!variants) return all.pop() ?? null;
    let best: { stream: WordKeys; key: string; suffix: string } | null = null;
    for (const stream of streams) {
      const key = await stream.peek();
      if (key === null) continue;
      const suffix = stream.suffix(key);
      if (!best || suffix > best.suffix) best = { stream, key, suffix };
    }
    best?.stream.take();
    return best?.key ?? null;
  };

  const found: Entry[] = [];
  const seen = new Set<string>();
  let exhausted = false;
  while (found.length < limit && !exhausted) {
    // Every key of a one-word query is a match; with more words, read a little ahead.
    const wanted = words.length === 1 ? limit - found.length : Math.max(KEY_PAGE_MIN, limit - found.length);
    const ids: string[] = [];
    while (ids.length < wanted) {
      const key = await next();
      if (key === null) {
        exhausted = true;
        break;
      }
      const id = idOfKey(key);
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    for (const row of await db.entries.bulkGet(ids)) {
      if (row && matchesQuery(row.searchPending ? entrySearchWords(row) : row.searchWords, words)) found.push(toEntry(row));
      if (found.length === limit) break;
    }
  }
  return found;
}
