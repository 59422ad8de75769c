import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { searchWords } from '../../../../src/domain/text.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const T = '2024-10-02T08:00:00.000Z';

/** A database exactly as version 4 left it: a synced entry, a pending edit, cursors and shadows. */
async function createV4(): Promise<string> {
  const name = `t-v4-${crypto.randomUUID()}`;
  names.push(name);
  const v4 = new Dexie(name);
  v4.version(1).stores({ profile: 'id', schoolYears: 'id, startYear', entries: 'id, date, schoolYearId', reflections: 'id, schoolYearId, period', meta: 'key' });
  v4.version(2).stores({ entries: 'id, date, [schoolYearId+date], *searchWords', reflections: 'id, [schoolYearId+kind+period]', outbox: '++seq, recordId' });
  v4.version(3).stores({ shadows: '[table+id]', conflicts: 'id, recordId' });
  v4.version(4).stores({ entries: 'id, date, [schoolYearId+date], *searchKeys' });
  await v4.open();
  const words = searchWords('Sinh hoạt tổ');
  await v4.table('entries').put({
    id: 'e1', schoolYearId: 'y2024', date: '2024-10-02', content: 'Sinh hoạt tổ', form: 'tu-hoc', bdtxProgram: null, module: null, periods: 2,
    source: '', result: '', evidence: '', note: '', createdAt: T, updatedAt: T, searchWords: words, searchKeys: words.map((w) => `${w} 2024-10-02 ${T} e1`),
  });
  await v4.table('outbox').add({ table: 'entries', recordId: 'e1', op: 'put', at: T });
  await v4.table('shadows').put({ table: 'entries', id: 'e1', data: { id: 'e1', content: 'Sinh hoạt' }, gen: 1 });
  await v4.table('meta').bulkPut([
    { key: 'sync.cursors', value: { s1: 42 } },
    { key: 'sync.mutationCounter', value: 7 },
  ]);
  v4.close();
  return name;
}

describe('Dexie version 4 → 5', () => {
  it('keeps the logbook, the outbox, shadows and cursors; adds the empty tables of observations, annotations, topic, SKKN and other logbooks', async () => {
    const db = new LogbookDatabase(await createV4());
    await db.open();
    expect(db.verno).toBe(6);
    expect((await db.entries.get('e1'))?.content).toBe('Sinh hoạt tổ');
    expect(await db.outbox.toArray()).toEqual([{ seq: 1, table: 'entries', recordId: 'e1', op: 'put', at: T }]);
    expect((await db.shadows.get(['entries', 'e1']))?.data).toEqual({ id: 'e1', content: 'Sinh hoạt' });
    expect((await db.meta.get('sync.cursors'))?.value).toEqual({ s1: 42 });
    expect((await db.meta.get('sync.mutationCounter'))?.value).toBe(7);
    for (const table of [db.observations, db.observedLessons, db.annotations, db.annotationReads, db.confirmations, db.innovationTopics, db.skkn, db.skknSections, db.skknRevisions, db.foreign]) {
      expect(await table.count(), table.name).toBe(0);
    }
    expect(db.foreign.schema.primKey.keyPath).toEqual(['scopeId', 'table', 'id']);
    expect(db.annotations.schema.indexes.map((i) => i.name)).toContain('[targetTable+targetId]');
  });
});
