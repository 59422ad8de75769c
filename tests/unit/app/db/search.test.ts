import { describe, expect, it } from 'vitest';
import { entrySearchWords, type StoredEntry } from '../../../../src/app/db/database.ts';
import { searchEntries, searchPlan, searchWithPlan, toEntry } from '../../../../src/app/db/entries.ts';
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
    return { ...entry, searchWords: entrySearchWords(entry) };
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

  it('walks the date index for common words and reads rare ones through the word index', async () => {
    const db = freshDb();
    await db.entries.bulkPut(logbook());
    expect(await searchPlan(db, queryWords('boi duong'), 200)).toEqual({ kind: 'walk' });
    expect(await searchPlan(db, queryWords('du'), 200)).toEqual({ kind: 'walk' });
    expect(await searchPlan(db, queryWords('stem'), 200)).toEqual({ kind: 'index', word: 'stem' });
    expect(await searchPlan(db, queryWords('boi stem'), 200)).toEqual({ kind: 'index', word: 'stem' });
    expect(await searchPlan(db, queryWords('boi khongco'), 200)).toEqual({ kind: 'none' });
    // Asking for everything is cheaper through the index than by walking.
    expect(await searchPlan(db, queryWords('boi'), 5000)).toMatchObject({ kind: 'index' });
  });

  it('returns the right newest-first matches whichever way they are found', async () => {
    const db = freshDb();
    const rows = logbook();
    await db.entries.bulkPut(rows);
    const matchCount = (query: string) => rows.filter((e) => matchesQuery(e.searchWords, queryWords(query))).length;
    expect(matchCount('boi')).toBeGreaterThan(2000);
    expect(matchCount('stem')).toBeGreaterThan(10);

    for (const query of queries) {
      const words = queryWords(query);
      const found = await searchEntries(db, query);
      expect(found, query).toEqual(expected(rows, query));
      expect(found.length, query).toBe(Math.min(200, matchCount(query)));
      // Both plans give the same answer, also when the cut at the limit falls inside a day.
      const rarest = [...words].sort((a, b) => matchCount(a) - matchCount(b))[0]!;
      for (const limit of [1, 37, 200]) {
        const want = expected(rows, query, limit);
        expect(await searchWithPlan(db, words, limit, { kind: 'walk' }), `${query} walk ${limit}`).toEqual(want);
        expect(await searchWithPlan(db, words, limit, { kind: 'index', word: rarest }), `${query} index ${limit}`).toEqual(want);
      }
    }
    expect(await searchEntries(db, 'boi', 1000)).toEqual(expected(rows, 'boi', 1000));
    expect(await searchEntries(db, 'boi khongco')).toEqual([]);
  });
});
