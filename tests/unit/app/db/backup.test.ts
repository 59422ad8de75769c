import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup, markBackedUp } from '../../../../src/app/db/backup.ts';
import { saveEntry } from '../../../../src/app/db/entries.ts';
import { getMeta } from '../../../../src/app/db/meta.ts';
import { EMPTY_PROFILE, saveProfile } from '../../../../src/app/db/profile.ts';
import { saveReflection } from '../../../../src/app/db/reflections.ts';
import { ensureSchoolYearNow, saveSchoolYearDates } from '../../../../src/app/db/schoolYears.ts';
import { searchEntries } from '../../../../src/app/db/entries.ts';
import { BACKUP_FORMAT, createBackup, emptyV3Tables } from '../../../../src/domain/backup.ts';
import { LOGBOOK_SCHEMA_VERSION } from '../../../../src/domain/records.ts';
import { freshDb, input, snapshot } from './helpers.ts';
import type { LogbookDatabase } from '../../../../src/app/db/database.ts';

const big = 'Bồi dưỡng thường xuyên — vận dụng vào tiết dạy. '.repeat(2_100).slice(0, 100_000);

async function fill(db: LogbookDatabase) {
  await saveProfile(db, { ...EMPTY_PROFILE, fullName: 'Trần Văn Đức'.normalize('NFD'), school: 'THCS Kim Đồng', province: 'Hà Nội' });
  const { year } = await ensureSchoolYearNow(db, 2023);
  await saveSchoolYearDates(db, year.id, { hk1Start: '2023-09-04', hk1End: '2024-01-12', hk2Start: '2024-01-15', hk2End: '2024-05-24' });
  await saveEntry(db, input({ content: 'Tự học Đạo đức nhà giáo'.normalize('NFD'), result: big, note: '<script>x</script>' }));
  await saveEntry(db, input({ date: '2023-10-02', content: 'Cùng ngày', bdtxProgram: null, periods: 0.25 }));
  await saveEntry(db, input({ date: '2024-07-20', content: 'Bồi dưỡng hè', form: 'he', bdtxProgram: '01', periods: 12 }));
  await saveReflection(db, year.id, 'month', '2023-10', big);
  await saveReflection(db, year.id, 'semester', 'HK1', 'Nhận xét học kỳ I'.normalize('NFD'));
}

describe('backup export and import', () => {
  it('export → import into a fresh database → export gives identical data', async () => {
    const source = freshDb();
    await fill(source);
    const first = await exportBackup(source);
    expect(first).toMatchObject({ format: BACKUP_FORMAT, schemaVersion: LOGBOOK_SCHEMA_VERSION });
    expect(first.data.entries).toHaveLength(3);
    expect(first.data.entries.every((e) => !('searchWords' in e))).toBe(true);
    expect(first.data.entries.find((e) => e.result === big)).toBeDefined();
    expect(first.data.profile?.fullName).toBe('Trần Văn Đức'.normalize('NFC'));

    const target = freshDb();
    const result = await importBackup(target, JSON.stringify(first));
    expect(result).toEqual({ ok: true, counts: { entries: 3, reflections: 2, schoolYears: 2 }, migratedFrom: null });
    const second = await exportBackup(target);
    expect(second.data).toEqual(first.data);
    expect(JSON.stringify(second.data)).toBe(JSON.stringify(first.data));
    // Rows as stored (with derived search words) are identical too, and search works after restore.
    expect((await snapshot(target)).entries).toEqual((await snapshot(source)).entries);
    expect((await searchEntries(target, 'dao duc')).map((e) => e.id)).toEqual((await searchEntries(source, 'dao duc')).map((e) => e.id));
    // Every restored record is queued for a future sync.
    expect(await target.outbox.count()).toBe(1 + 2 + 3 + 2);
  });

  it('import replaces what was there', async () => {
    const db = freshDb();
    await fill(db);
    const empty = createBackup({ profile: null, schoolYears: [], entries: [], reflections: [], ...emptyV3Tables() }, new Date().toISOString());
    expect(await importBackup(db, JSON.stringify(empty))).toMatchObject({ ok: true, counts: { entries: 0, reflections: 0, schoolYears: 0 } });
    const after = await snapshot(db);
    expect(after).toMatchObject({ profile: [], schoolYears: [], entries: [], reflections: [] });
  });

  it.each([
    ['not JSON', () => '{oops', 'backup.notJson'],
    ['foreign JSON', () => JSON.stringify({ hello: 'world' }), 'backup.foreign'],
    ['a newer version', (b: object) => JSON.stringify({ ...b, schemaVersion: LOGBOOK_SCHEMA_VERSION + 1 }), 'backup.tooNew'],
    [
      'a damaged record',
      (b: { data: { entries: object[] } }) => JSON.stringify({ ...b, data: { ...b.data, entries: [...b.data.entries, { ...b.data.entries[0], id: 'x', periods: 'many' }] } }),
      'backup.damaged',
    ],
  ] as const)('a file with %s is refused and existing data is unchanged', async (_name, make, error) => {
    const db = freshDb();
    await fill(db);
    const file = make((await exportBackup(db)) as never);
    const before = await snapshot(db);
    const result = await importBackup(db, file);
    expect(result).toMatchObject({ ok: false, error });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failure while writing the import rolls everything back', async () => {
    const db = freshDb();
    await fill(db);
    const file = JSON.stringify(await exportBackup(db));
    const before = await snapshot(db);
    db.reflections.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(importBackup(db, file)).rejects.toBeDefined();
    expect(await snapshot(db)).toEqual(before);
  });

  it('imports a version-1 file', async () => {
    const db = freshDb();
    const v1 = {
      format: BACKUP_FORMAT,
      schemaVersion: 1,
      exportedAt: '2023-12-01T00:00:00.000Z',
      data: {
        profile: null,
        schoolYears: [{ id: 'y1', startYear: 2023, hk1Start: '2023-09-05', hk1End: '2024-01-14', hk2Start: '2024-01-15', hk2End: '2024-05-25', updatedAt: '2023-09-01T00:00:00.000Z' }],
        entries: [
          {
            id: 'e1',
            schoolYearId: 'y1',
            date: '2023-11-20',
            content: 'Bồi dưỡng chuyên đề'.normalize('NFD'),
            form: 'chuyen-de',
            bdtxProgram: '02',
            module: null,
            periods: 3,
            source: '',
            result: '',
            evidence: '',
            note: '',
            updatedAt: '2023-11-20T10:00:00.000Z',
          },
        ],
        reflections: [{ id: 'r1', schoolYearId: 'y1', period: 'HK1', text: 'Học kỳ I', updatedAt: '2023-12-01T00:00:00.000Z' }],
      },
    };
    const result = await importBackup(db, JSON.stringify(v1));
    expect(result).toEqual({ ok: true, counts: { entries: 1, reflections: 1, schoolYears: 1 }, migratedFrom: 1 });
    const stored = await db.entries.get('e1');
    expect(stored).toMatchObject({ createdAt: '2023-11-20T10:00:00.000Z', content: 'Bồi dưỡng chuyên đề'.normalize('NFC') });
    expect((await searchEntries(db, 'chuyen de')).map((e) => e.id)).toEqual(['e1']);
    expect(await db.reflections.get('r1')).toMatchObject({ kind: 'semester', period: 'HK1' });
  });

  it('keeps last-backup bookkeeping on the device, outside the backup', async () => {
    const db = freshDb();
    expect(await getMeta(db, 'lastBackupAt')).toBeUndefined();
    await markBackedUp(db, '2024-03-01T00:00:00.000Z');
    expect(await getMeta(db, 'lastBackupAt')).toBe('2024-03-01T00:00:00.000Z');
    const before = Date.now();
    await markBackedUp(db);
    const at = await getMeta(db, 'lastBackupAt');
    expect(Date.parse(at!)).toBeGreaterThanOrEqual(before - 1);
    await fill(db);
    const backup = await exportBackup(db);
    expect(JSON.stringify(backup)).not.toContain('lastBackupAt');
    expect(await importBackup(db, JSON.stringify(backup))).toMatchObject({ ok: true });
    expect(await getMeta(db, 'lastBackupAt')).toBe(at);
  });
});
