import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { getEntry, saveEntry, searchEntries } from '../../../../src/app/db/entries.ts';
import { searchWords } from '../../../../src/domain/text.ts';
import { input } from './helpers.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const T = '2024-10-02T08:00:00.000Z';
const T2 = '2024-10-06T09:30:00.000Z';

const entry = (id: string, date: string, content: string, createdAt: string) => {
  const row = { id, schoolYearId: 'y2024', date, content, form: 'tu-hoc', bdtxProgram: null, module: null, periods: 1, source: '', result: '', evidence: '', note: '', createdAt, updatedAt: createdAt };
  // As version 3 wrote them: the record plus its search words, no search keys.
  return { ...row, searchWords: searchWords(row.content) };
};

/** A database exactly as version 3 left it (its stores declared by hand, rows written by v3 code paths). */
async function createV3(): Promise<string> {
  const name = `t-v3-${crypto.randomUUID()}`;
  names.push(name);
  const v3 = new Dexie(name);
  v3.version(1).stores({ profile: 'id', schoolYears: 'id, startYear', entries: 'id, date, schoolYearId', reflections: 'id, schoolYearId, period', meta: 'key' });
  v3.version(2).stores({ entries: 'id, date, [schoolYearId+date], *searchWords', reflections: 'id, [schoolYearId+kind+period]', outbox: '++seq, recordId' });
  v3.version(3).stores({ shadows: '[table+id]', conflicts: 'id, recordId' });
  await v3.open();
  await v3.table('schoolYears').put({ id: 'y2024', startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-14', hk2Start: '2025-01-15', hk2End: '2025-05-25', updatedAt: T });
  await v3.table('entries').bulkPut([
    entry('e1', '2024-10-02', 'Bồi dưỡng thường xuyên', T),
    entry('e2', '2024-10-05', 'Bội thu kiến thức', T),
    entry('e3', '2024-10-05', 'Dự giờ bồi dưỡng', T2),
    entry('e4', '2024-10-07', 'Sinh hoạt tổ', T2),
  ]);
  await v3.table('outbox').add({ table: 'entries', recordId: 'e1', op: 'put', at: T });
  await v3.table('shadows').put({ table: 'entries', id: 'e4', data: { id: 'e4' }, gen: 1 });
  await v3.table('meta').put({ key: 'lastBackupAt', value: T });
  v3.close();
  return name;
}

describe('Dexie version 3 → 4', () => {
  it('adds search keys to every entry and keeps everything else', async () => {
    const db = new LogbookDatabase(await createV3());
    await db.open();
    expect(db.verno).toBe(6);
    expect(db.entries.schema.indexes.map((i) => i.name).sort()).toEqual(['[schoolYearId+date]', 'date', 'searchKeys', 'searchPending']);

    const e3 = await db.entries.get('e3');
    expect(e3?.searchWords).toEqual(['du', 'gio', 'boi', 'duong']);
    expect(e3?.searchKeys).toEqual(['du', 'gio', 'boi', 'duong'].map((w) => `${w} 2024-10-05 ${T2} e3`));
    for (const row of await db.entries.toArray()) expect(row.searchKeys, row.id).toHaveLength(row.searchWords.length);
    // The app's view of an entry carries no derived field.
    expect(Object.keys((await getEntry(db, 'e1'))!)).not.toContain('searchKeys');

    expect(await db.entries.count()).toBe(4);
    expect((await db.outbox.toArray()).map((r) => r.recordId)).toEqual(['e1']);
    expect(await db.shadows.count()).toBe(1);
    expect(await db.meta.get('lastBackupAt')).toEqual({ key: 'lastBackupAt', value: T });

    // Search runs on the new keys: "boi" finds bồi and bội, newest first (date, then creation).
    expect((await searchEntries(db, 'boi')).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    expect((await searchEntries(db, 'boi duong')).map((e) => e.id)).toEqual(['e3', 'e1']);
    expect((await searchEntries(db, 'boi', 1)).map((e) => e.id)).toEqual(['e3']);

    // A save after the upgrade is found too, and an edit moves its keys with its new date.
    const saved = await saveEntry(db, input({ date: '2024-10-09', content: 'Bồi dưỡng mô đun 2' }));
    expect(saved.ok).toBe(true);
    const id = saved.ok ? saved.entry.id : '';
    expect((await searchEntries(db, 'boi')).map((e) => e.id)).toEqual([id, 'e3', 'e2', 'e1']);
    await saveEntry(db, input({ date: '2024-10-01', content: 'Bồi dưỡng mô đun 2' }), id);
    expect((await searchEntries(db, 'boi')).map((e) => e.id)).toEqual(['e3', 'e2', 'e1', id]);
    expect(await db.entries.where('searchKeys').startsWith('boi 2024-10-09').count()).toBe(0);
    db.close();
  });
});
