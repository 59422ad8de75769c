import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { getEntry, saveEntry } from '../../../../src/app/db/entries.ts';
import { queueFirstUpload } from '../../../../src/app/sync/engine.ts';
import { input } from './helpers.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const T = '2024-10-02T08:00:00.000Z';

/** A database exactly as version 2 left it (its stores declared by hand, rows written by v2 code paths). */
async function createV2(): Promise<string> {
  const name = `t-v2-${crypto.randomUUID()}`;
  names.push(name);
  const v2 = new Dexie(name);
  v2.version(1).stores({ profile: 'id', schoolYears: 'id, startYear', entries: 'id, date, schoolYearId', reflections: 'id, schoolYearId, period', meta: 'key' });
  v2.version(2).stores({ entries: 'id, date, [schoolYearId+date], *searchWords', reflections: 'id, [schoolYearId+kind+period]', outbox: '++seq, recordId' });
  await v2.open();
  await v2.table('schoolYears').put({ id: 'y2024', startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-14', hk2Start: '2025-01-15', hk2End: '2025-05-25', updatedAt: T });
  await v2.table('entries').bulkPut([
    { id: 'e1', schoolYearId: 'y2024', date: '2024-10-02', content: 'Sinh hoạt tổ', form: 'tu-hoc', bdtxProgram: null, module: null, periods: 2, source: '', result: '', evidence: '', note: '', createdAt: T, updatedAt: T, searchWords: ['sinh', 'hoat', 'to'] },
    { id: 'e2', schoolYearId: 'y2024', date: '2024-10-05', content: 'Dự giờ', form: 'tu-hoc', bdtxProgram: null, module: null, periods: 1, source: '', result: '', evidence: '', note: '', createdAt: T, updatedAt: T, searchWords: ['du', 'gio'] },
  ]);
  await v2.table('reflections').put({ id: 'r1', schoolYearId: 'y2024', kind: 'month', period: '2024-10', text: 'Tháng Mười', updatedAt: T });
  // e1 is still queued; e2 and r1 had been queued and the queue was emptied (e.g. a restore elsewhere).
  await v2.table('outbox').add({ table: 'entries', recordId: 'e1', op: 'put', at: T });
  await v2.table('meta').put({ key: 'lastBackupAt', value: T });
  v2.close();
  return name;
}

describe('Dexie version 2 → 3 (and on to 4)', () => {
  it('keeps every record, the outbox and meta; adds empty shadows and conflicts', async () => {
    const db = new LogbookDatabase(await createV2());
    await db.open();
    expect(db.verno).toBe(6);
    expect((await getEntry(db, 'e1'))?.content).toBe('Sinh hoạt tổ');
    expect(await db.entries.count()).toBe(2);
    expect(await db.reflections.count()).toBe(1);
    expect((await db.outbox.toArray()).map((r) => [r.seq, r.recordId])).toEqual([[1, 'e1']]);
    expect(await db.meta.get('lastBackupAt')).toEqual({ key: 'lastBackupAt', value: T });
    expect(await db.shadows.count()).toBe(0);
    expect(await db.conflicts.count()).toBe(0);
    // Search and the outbox keep working; the outbox sequence continues after the old rows.
    const saved = await saveEntry(db, input({ date: '2024-10-09' }));
    expect(saved.ok).toBe(true);
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([1, 2]);
    // First connect queues every record that is neither queued nor known to the server, once.
    expect(await queueFirstUpload(db, 'user-1')).toBe(3); // y2024, e2, r1
    expect(await queueFirstUpload(db, 'user-1')).toBe(0);
    const queued = (await db.outbox.toArray()).map((r) => `${r.table}:${r.recordId}`);
    expect(queued.filter((q) => q === 'entries:e1')).toHaveLength(1); // already queued: not queued twice
    expect(queued).toEqual(expect.arrayContaining(['schoolYears:y2024', 'entries:e2', 'reflections:r1', 'entries:e1']));
    db.close();
  });
});
