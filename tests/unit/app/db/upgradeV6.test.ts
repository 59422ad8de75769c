import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LogbookDatabase, toPendingEntry } from '../../../../src/app/db/database.ts';
import { getEntry, saveEntry, searchEntries } from '../../../../src/app/db/entries.ts';
import { indexPendingEntries } from '../../../../src/app/db/searchIndex.ts';
import type { Entry } from '../../../../src/domain/records.ts';
import { searchWords } from '../../../../src/domain/text.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const T = '2024-10-02T08:00:00.000Z';

const entry = (id: string, date: string, content: string): Entry => ({
  id, schoolYearId: 'y2024', date, content, form: 'tu-hoc', bdtxProgram: null, module: null, periods: 2,
  source: '', result: '', evidence: '', note: '', createdAt: T, updatedAt: T,
});

/** A database exactly as version 5 left it: entries with their search keys, a shadow, an outbox row, cursors. */
async function createV5(): Promise<string> {
  const name = `t-v5-${crypto.randomUUID()}`;
  names.push(name);
  const v5 = new Dexie(name);
  v5.version(1).stores({ profile: 'id', schoolYears: 'id, startYear', entries: 'id, date, schoolYearId', reflections: 'id, schoolYearId, period', meta: 'key' });
  v5.version(2).stores({ entries: 'id, date, [schoolYearId+date], *searchWords', reflections: 'id, [schoolYearId+kind+period]', outbox: '++seq, recordId' });
  v5.version(3).stores({ shadows: '[table+id]', conflicts: 'id, recordId' });
  v5.version(4).stores({ entries: 'id, date, [schoolYearId+date], *searchKeys' });
  v5.version(5).stores({
    observations: 'id, [schoolYearId+date], teacherUserId',
    observedLessons: 'id, [schoolYearId+date]',
    annotations: 'id, [targetTable+targetId], threadId',
    annotationReads: 'id',
    confirmations: 'id, [schoolYearId+semester]',
    innovationTopics: 'id, schoolYearId',
    skkn: 'id, schoolYearId',
    skknSections: 'id, skknId',
    skknRevisions: 'id, [sectionId+createdAt], skknId',
    foreign: '[scopeId+table+id], [scopeId+table]',
  });
  await v5.open();
  for (const e of [entry('e1', '2024-10-02', 'Sinh hoạt tổ chuyên môn'), entry('e2', '2024-10-09', 'Dự giờ tiết Toán')]) {
    const words = searchWords(e.content);
    await v5.table('entries').put({ ...e, searchWords: words, searchKeys: words.map((w) => `${w} ${e.date} ${T} ${e.id}`) });
  }
  await v5.table('outbox').add({ table: 'entries', recordId: 'e2', op: 'put', at: T });
  await v5.table('shadows').put({ table: 'entries', id: 'e1', data: entry('e1', '2024-10-02', 'Sinh hoạt tổ chuyên môn'), gen: 1 });
  await v5.table('meta').put({ key: 'sync.cursors', value: { s1: 42 } });
  v5.close();
  return name;
}

describe('Dexie version 5 → 6', () => {
  it('keeps every entry searchable by its keys, the outbox, shadows and cursors; adds the index of entries still to be indexed', async () => {
    const db = new LogbookDatabase(await createV5());
    await db.open();
    expect(db.verno).toBe(6);
    expect(db.entries.schema.indexes.map((i) => i.name)).toContain('searchPending');
    // Nothing written before version 6 waits for its keys.
    expect(await db.entries.where('searchPending').equals(1).count()).toBe(0);
    expect(await getEntry(db, 'e1')).toEqual(entry('e1', '2024-10-02', 'Sinh hoạt tổ chuyên môn'));
    expect((await db.outbox.toArray()).map((r) => r.recordId)).toEqual(['e2']);
    expect((await db.shadows.get(['entries', 'e1']))?.gen).toBe(1);
    expect((await db.meta.get('sync.cursors'))?.value).toEqual({ s1: 42 });
    expect((await searchEntries(db, 'to')).map((e) => e.id)).toEqual(['e2', 'e1']);
    expect((await searchEntries(db, 'chuyen mon')).map((e) => e.id)).toEqual(['e1']);
  });

  it('an entry written without its keys (as sync writes it) is found at once, and after its keys are built', async () => {
    const db = new LogbookDatabase(await createV5());
    await db.open();
    await db.entries.put(toPendingEntry(entry('e3', '2024-10-05', 'Tổ chức hoạt động trải nghiệm')));
    expect((await searchEntries(db, 'to')).map((e) => e.id)).toEqual(['e2', 'e3', 'e1']);
    expect((await searchEntries(db, 'to', 2)).map((e) => e.id)).toEqual(['e2', 'e3']);
    expect((await searchEntries(db, 'trai nghiem')).map((e) => e.id)).toEqual(['e3']);
    expect(await getEntry(db, 'e3')).toEqual(entry('e3', '2024-10-05', 'Tổ chức hoạt động trải nghiệm'));

    expect(await indexPendingEntries(db)).toBe(1);
    const e3 = await db.entries.get('e3');
    expect(e3?.searchPending).toBeUndefined();
    expect(e3?.searchKeys).toContain(`trai 2024-10-05 ${T} e3`);
    expect((await searchEntries(db, 'to')).map((e) => e.id)).toEqual(['e2', 'e3', 'e1']);
    expect((await searchEntries(db, 'trai nghiem')).map((e) => e.id)).toEqual(['e3']);

    // An edit saved over a row still waiting gets its keys at once.
    await db.entries.put(toPendingEntry(entry('e3', '2024-10-05', 'Tổ chức hoạt động trải nghiệm'))); 
    const saved = await saveEntry(db, { date: '2024-10-05', content: 'Hoạt động ngoại khóa', form: 'tu-hoc', bdtxProgram: null, module: null, periods: 2, source: '', result: '', evidence: '', note: '' }, 'e3');
    expect(saved.ok).toBe(true);
    expect(await db.entries.where('searchPending').equals(1).count()).toBe(0);
    expect(await searchEntries(db, 'trai nghiem')).toEqual([]);
    expect((await searchEntries(db, 'ngoai khoa')).map((e) => e.id)).toEqual(['e3']);
  });
});
