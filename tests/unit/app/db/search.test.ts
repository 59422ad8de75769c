import { describe, expect, it } from 'vitest';
import { toPendingEntry, toStoredEntry, type StoredEntry } from '../../../../src/app/db/database.ts';
import { searchEntries, toEntry } from '../../../../src/app/db/entries.ts';
import { indexPendingEntries } from '../../../../src/app/db/searchIndex.ts';
import { matchesQuery, queryWords } from '../../../../src/domain/text.ts';
import { freshDb } from './helpers.ts';

const COUNT = 3000;

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * 3,000 entries over 60 days (about 50 per day, so the cut at `limit` falls inside a day), created in
 * an order unrelated to their ids. "Bồi dưỡng" is in most of them, "STEM" in a few.
 */
function logbook(): StoredEntry[] {
  const next = random(7);
  return Array.from({ length: COUNT }, (_, i) => {
    const day = Math.floor(next() * 60);
    const date = new Date(Date.UTC(2024, 8, 5 + day)).toISOString().slice(0, 10);
    const common = next() < 0.8 ? 'Bồi dưỡng thường xuyên' : 'Dự giờ tiết Toán';
    const rare = i % 97 === 0 ? ' chuyên đề STEM' : '';
    const createdAt = new Date(Date.UTC(2024, 8, 1) + Math.floor(next() * 1e9)).toISOString();
    const entry = {
      id: `id-${String((i * 7919) % COUNT).padStart(5, '0')}`,
      schoolYearId: 'sy-2024',
      date,
      content: `${common}${rare} số ${i}`,
      form: 'tu-hoc' as const,
      bdtxProgram: null,
      module: null,
      periods: 1,
      source: i % 5 === 0 ? 'Tài liệu đồng nghiệp' : '',
      result: '',
      evidence: '',
      note: '',
      createdAt,
      updatedAt: createdAt,
    };
    return toStoredEntry(entry);
  });
}

/** What searchEntries must return: every match, newest first, cut at the limit. */
function expected(rows: StoredEntry[], query: string, limit = 200) {
  const words = queryWords(query);
  return rows
    .filter((e) => matchesQuery(e.searchWords, words))
    .sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date)))
    .slice(0, limit)
    .map(toEntry);
}

describe('searchEntries over a few thousand entries', () => {
  const queries = ['boi', 'Bồi dưỡng', 'du', 'so 1', 'tai lieu', 'stem', 'boi stem', 'du gio toan', 'STEM chuyen de', 'dong nghiep boi'];

  it('returns the right newest-first matches whichever way they are found', async () => {
    const db = freshDb();
    const rows = logbook();
    await db.entries.bulkPut(rows);
    const matchCount = (query: string) => rows.filter((e) => matchesQuery(e.searchWords, queryWords(query))).length;
    expect(matchCount('boi')).toBeGreaterThan(2000);
    expect(matchCount('stem')).toBeGreaterThan(10);

    for (const query of queries) {
      const found = await searchEntries(db, query);
      expect(found, query).toEqual(expected(rows, query));
      expect(found.length, query).toBe(Math.min(200, matchCount(query)));
      // Also when the cut at the limit falls inside a day.
      for (const limit of [1, 37, 500]) {
        expect(await searchEntries(db, query, limit), `${query} ${limit}`).toEqual(expected(rows, query, limit));
      }
    }
    expect(await searchEntries(db, 'boi', 1000)).toEqual(expected(rows, 'boi', 1000));
    expect(await searchEntries(db, 'boi khongco')).toEqual([]);
  });
});

describe('searchEntries while sync-written entries still wait for their search keys', () => {
  it('finds the same entries, in the same order, before, during and after the keys are built', async () => {
    const db = freshDb();
    const rows = logbook();
    // A third as sync writes them (no keys yet), spread over every day and word.
    await db.entries.bulkPut(rows.map((row, i) => (i % 3 === 0 ? toPendingEntry(row) : row)));
    expect(await db.entries.where('searchPending').equals(1).count()).toBe(COUNT / 3);
    const check = async () => {
      for (const query of ['boi', 'du gio toan', 'stem', 'STEM chuyen de', 'so 1', 'khongco']) {
        for (const limit of [1, 37, 200]) expect(await searchEntries(db, query, limit), `${query} ${limit}`).toEqual(expected(rows, query, limit));
      }
    };
    await check();
    // Part-way: one chunk built.
    let chunks = 0;
    await indexPendingEntries(db, {
      chunk: 400,
      pause: async () => {
        chunks += 1;
        if (chunks === 1) await check();
      },
    });
    expect(chunks).toBe(3);
    expect(await db.entries.where('searchPending').equals(1).count()).toBe(0);
    expect(await db.entries.toArray()).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    await check();
  });
});

describe('searchEntries, prefix over several words', () => {
  it('merges the words a query word prefixes newest first ("boi" → bồi, bội, boiler)', async () => {
    const db = freshDb();
    const texts = ['Bồi dưỡng', 'Bội thu', 'boiler STEM', 'Bói toán', 'Dự giờ', 'boi', 'Học bổng', 'bồi đắp'];
    const rows = Array.from({ length: 40 }, (_, i) => {
      const createdAt = new Date(Date.UTC(2024, 9, 1, 0, 0, (i * 37) % 40)).toISOString();
      return toStoredEntry({
        id: `e${String(i).padStart(2, '0')}`,
        schoolYearId: 'sy-2024',
        date: `2024-10-${String(1 + ((i * 13) % 9)).padStart(2, '0')}`,
        content: `${texts[i % texts.length]} ${i % 5 === 0 ? 'boiz' : ''}`,
        form: 'tu-hoc' as const,
        bdtxProgram: null,
        module: null,
        periods: 1,
        source: '',
        result: '',
        evidence: '',
        note: '',
        createdAt,
        updatedAt: createdAt,
      });
    });
    await db.entries.bulkPut(rows);
    expect(new Set(rows.flatMap((e) => e.searchWords).filter((w) => w.startsWith('boi')))).toEqual(new Set(['boi', 'boiler', 'boiz']));
    for (const query of ['boi', 'bo', 'boiz', 'boi stem', 'b', 'boi boiz']) {
      for (const limit of [1, 3, 10, 200]) {
        expect(await searchEntries(db, query, limit), `${query} ${limit}`).toEqual(expected(rows, query, limit));
      }
    }
    expect(await searchEntries(db, 'boi')).toHaveLength(rows.filter((e) => matchesQuery(e.searchWords, ['boi'])).length);
  });
});
