import { describe, expect, it } from 'vitest';
import { deleteEntry, entriesBetween, entriesOfYear, getEntry, restoreEntry, saveEntry, searchEntries, type SaveEntryResult } from '../../../../src/app/db/entries.ts';
import { getMeta } from '../../../../src/app/db/meta.ts';
import { pendingCount } from '../../../../src/app/db/outbox.ts';
import { ensureSchoolYearNow, saveSchoolYearDates } from '../../../../src/app/db/schoolYears.ts';
import { storageErrorKey } from '../../../../src/app/db/errors.ts';
import { freshDb, input, snapshot } from './helpers.ts';

function ok(result: SaveEntryResult) {
  if (!result.ok) throw new Error(`expected a saved entry, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('saveEntry', () => {
  it('writes the entry and exactly one outbox row', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    await db.outbox.clear();
    const saved = ok(await saveEntry(db, input()));
    expect(saved.schoolYear.id).toBe(year.id);
    expect(saved.placement).toEqual({ createdSchoolYear: false, outsideSemesters: false });
    const stored = await db.entries.get(saved.entry.id);
    expect(stored).toMatchObject({ ...saved.entry, searchWords: expect.arrayContaining(['boi', 'duong', 'thuong', 'xuyen']) });
    expect(await db.outbox.toArray()).toEqual([{ seq: expect.any(Number), table: 'entries', recordId: saved.entry.id, op: 'put', at: expect.any(String) }]);
    expect(await getMeta(db, 'lastEntryForm')).toEqual({ form: 'tu-hoc', bdtxProgram: '03', module: 'GVPT 04', periods: 2 });
  });

  it('refuses invalid input with field errors and writes nothing', async () => {
    const db = freshDb();
    const result = await saveEntry(db, input({ content: ' ', periods: 13 }));
    expect(result).toEqual({ ok: false, errors: { content: 'errors.contentRequired', periods: 'errors.periodsTooMany' } });
    expect(await snapshot(db)).toMatchObject({ entries: [], outbox: [], schoolYears: [], meta: [] });
  });

  it('writes neither entry nor outbox row when the transaction fails', async () => {
    const db = freshDb();
    await ensureSchoolYearNow(db, 2023);
    const before = await snapshot(db);
    db.outbox.hook('creating', () => {
      throw new Error('disk went away');
    });
    await expect(saveEntry(db, input())).rejects.toThrow('disk went away');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a quota error in the middle of the save rejects and leaves nothing half-written', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    db.entries.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await saveEntry(db, input({ date: '2030-10-01' })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(storageErrorKey(error)).toBe('storageErrors.quota');
    // Not even the school year the entry would have created.
    expect(await snapshot(db)).toEqual(before);
  });

  it('a date outside every school year creates the year and says so', async () => {
    const db = freshDb();
    await ensureSchoolYearNow(db, 2023);
    const saved = ok(await saveEntry(db, input({ date: '2025-03-10', bdtxProgram: null })));
    expect(saved.schoolYear).toMatchObject({ startYear: 2024, hk1Start: '2024-09-05', hk2End: '2025-05-25' });
    expect(saved.placement).toEqual({ createdSchoolYear: true, outsideSemesters: false });
    expect(await db.schoolYears.count()).toBe(2);
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.table).sort()).toEqual(['entries', 'schoolYears', 'schoolYears']);
  });

  it('a summer date goes to the coming year, outside its semesters', async () => {
    const db = freshDb();
    const saved = ok(await saveEntry(db, input({ date: '2024-07-15', form: 'he', bdtxProgram: null })));
    expect(saved.schoolYear.startYear).toBe(2024);
    expect(saved.placement).toEqual({ createdSchoolYear: true, outsideSemesters: true });
    const again = ok(await saveEntry(db, input({ date: '2024-07-16', form: 'he', bdtxProgram: null })));
    expect(again.schoolYear.id).toBe(saved.schoolYear.id);
    expect(again.placement.createdSchoolYear).toBe(false);
  });

  it('respects edited school-year dates when placing an entry', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    expect(await saveSchoolYearDates(db, year.id, { hk1Start: '2023-09-05', hk1End: '2024-01-14', hk2Start: '2024-01-15', hk2End: '2024-06-10' })).toEqual({ ok: true });
    const saved = ok(await saveEntry(db, input({ date: '2024-06-05' })));
    expect(saved.schoolYear.id).toBe(year.id);
    expect(saved.placement).toEqual({ createdSchoolYear: false, outsideSemesters: false });
  });

  it('editing keeps id and createdAt, updates the rest, and moves the entry to the right year', async () => {
    const db = freshDb();
    const first = ok(await saveEntry(db, input()));
    await new Promise((r) => setTimeout(r, 5));
    const edited = ok(await saveEntry(db, input({ content: 'Đã sửa', date: '2024-10-01' }), first.entry.id));
    expect(edited.entry.id).toBe(first.entry.id);
    expect(edited.entry.createdAt).toBe(first.entry.createdAt);
    expect(edited.entry.updatedAt > first.entry.updatedAt).toBe(true);
    expect(edited.schoolYear.startYear).toBe(2024);
    expect(await db.entries.count()).toBe(1);
    expect(await getEntry(db, first.entry.id)).toEqual(edited.entry);
    expect(await searchEntries(db, 'da sua')).toEqual([edited.entry]);
    expect(await searchEntries(db, 'thuong xuyen')).toEqual([]);
  });

  it('stores 100 KB of text, decomposed Vietnamese as NFC, HTML verbatim', async () => {
    const db = freshDb();
    const big = 'Nội dung tự học rất dài. '.repeat(4_100).slice(0, 100_000);
    const html = '<script>alert(1)</script>';
    const saved = ok(await saveEntry(db, input({ content: 'Đạo đức nhà giáo'.normalize('NFD'), result: big, note: html })));
    const stored = await getEntry(db, saved.entry.id);
    expect(stored?.content).toBe('Đạo đức nhà giáo'.normalize('NFC'));
    expect(stored?.result).toBe(big);
    expect(stored?.note).toBe(html);
    expect(await searchEntries(db, 'dao duc')).toHaveLength(1);
  });
});

describe('delete and undo', () => {
  it('deleteEntry then restoreEntry gives back exactly the same record', async () => {
    const db = freshDb();
    const saved = ok(await saveEntry(db, input({ note: 'ghi chú' })));
    const storedBefore = await db.entries.get(saved.entry.id);
    const deleted = await deleteEntry(db, saved.entry.id);
    expect(deleted).toEqual(saved.entry);
    expect(await getEntry(db, saved.entry.id)).toBeUndefined();
    expect(await searchEntries(db, 'ghi')).toEqual([]);
    await restoreEntry(db, deleted!);
    expect(await db.entries.get(saved.entry.id)).toEqual(storedBefore);
    expect(await searchEntries(db, 'ghi')).toEqual([saved.entry]);
    expect((await db.outbox.toArray()).filter((r) => r.table === 'entries').map((r) => r.op)).toEqual(['put', 'delete', 'put']);
  });
  it('deleting a missing entry returns null and queues nothing', async () => {
    const db = freshDb();
    expect(await deleteEntry(db, 'missing')).toBeNull();
    expect(await pendingCount(db)).toBe(0);
  });
});

describe('queries', () => {
  it('entriesBetween uses [schoolYearId+date], inclusive, oldest first, one year only', async () => {
    const db = freshDb();
    const dates = ['2023-09-05', '2023-10-31', '2023-11-01', '2023-11-30', '2023-12-01', '2024-10-15'];
    for (const date of [...dates].reverse()) ok(await saveEntry(db, input({ date })));
    const year = await db.schoolYears.where('startYear').equals(2023).first();
    const nov = await entriesBetween(db, year!.id, '2023-10-31', '2023-11-30');
    expect(nov.map((e) => e.date)).toEqual(['2023-10-31', '2023-11-01', '2023-11-30']);
    expect(nov.every((e) => !('searchWords' in e))).toBe(true);
    expect((await entriesOfYear(db, year!.id)).map((e) => e.date)).toEqual(dates.slice(0, 5));
    expect(await entriesBetween(db, 'other', '2000-01-01', '2099-12-31')).toEqual([]);
  });

  it('searchEntries is diacritic- and case-insensitive, multi-word, prefix, newest first', async () => {
    const db = freshDb();
    const a = ok(await saveEntry(db, input({ date: '2023-10-01', content: 'Bồi dưỡng thường xuyên' })));
    const b = ok(await saveEntry(db, input({ date: '2024-02-01', content: 'Sinh hoạt tổ', note: 'BỒI DƯỠNG học sinh giỏi' })));
    const c = ok(await saveEntry(db, input({ date: '2023-12-01', content: 'Dự giờ', source: 'Đồng nghiệp' })));
    const d = ok(await saveEntry(db, input({ date: '2024-02-01', content: 'bồi dưỡng chuyên đề'.normalize('NFD') })));
    expect((await searchEntries(db, 'boi duong')).map((e) => e.id)).toEqual([d.entry.id, b.entry.id, a.entry.id]);
    expect((await searchEntries(db, 'Bồi Dưỡng')).map((e) => e.id)).toEqual([d.entry.id, b.entry.id, a.entry.id]);
    expect((await searchEntries(db, 'duong boi thuong')).map((e) => e.id)).toEqual([a.entry.id]);
    expect((await searchEntries(db, 'dong nghiep')).map((e) => e.id)).toEqual([c.entry.id]);
    expect((await searchEntries(db, 'đồng')).map((e) => e.id)).toEqual([c.entry.id]);
    expect((await searchEntries(db, 'bo du')).map((e) => e.id)).toEqual([d.entry.id, b.entry.id, a.entry.id]);
    expect(await searchEntries(db, 'boi toan')).toEqual([]);
    expect(await searchEntries(db, '   ')).toEqual([]);
    expect(await searchEntries(db, 'boi', 2)).toHaveLength(2);
  });
});
