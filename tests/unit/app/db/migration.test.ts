import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup } from '../../../../src/app/db/backup.ts';
import { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { entriesBetween, saveEntry, searchEntries } from '../../../../src/app/db/entries.ts';
import { getReflection } from '../../../../src/app/db/reflections.ts';
import { parseBackup } from '../../../../src/domain/backup.ts';
import { input } from './helpers.ts';

const nfd = (s: string) => s.normalize('NFD');
const names: string[] = [];

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database exactly as the first release left it: version(1) stores and v1-shaped rows. */
async function createV1(): Promise<string> {
  const name = `t-v1-${crypto.randomUUID()}`;
  names.push(name);
  const v1 = new Dexie(name);
  v1.version(1).stores({
    profile: 'id',
    schoolYears: 'id, startYear',
    entries: 'id, date, schoolYearId',
    reflections: 'id, schoolYearId, period',
    meta: 'key',
  });
  await v1.open();
  await v1.table('profile').put({
    id: 'profile',
    fullName: nfd('Lê Thị Hồng'),
    school: nfd('THCS Đồng Tâm'),
    department: '',
    subject: 'Ngữ văn',
    position: '',
    homeroomClass: '',
    district: '',
    province: '',
    updatedAt: '2023-09-01T00:00:00.000Z',
  });
  await v1.table('schoolYears').bulkPut([
    { id: 'y2023', startYear: 2023, hk1Start: '2023-09-05', hk1End: '2024-01-14', hk2Start: '2024-01-15', hk2End: '2024-05-25', updatedAt: '2023-09-01T00:00:00.000Z' },
    { id: 'y2022', startYear: 2022, hk1Start: '2022-09-05', hk1End: '2023-01-14', hk2Start: '2023-01-15', hk2End: '2023-05-25', updatedAt: '2022-09-01T00:00:00.000Z' },
  ]);
  const entry = (id: string, schoolYearId: string, date: string, content: string, extra: Record<string, unknown> = {}) => ({
    id,
    schoolYearId,
    date,
    content,
    form: 'tu-hoc',
    bdtxProgram: '01',
    module: null,
    periods: 2,
    source: nfd('Tài liệu Sở GD&ĐT'),
    result: '',
    evidence: '',
    note: '',
    updatedAt: `${date}T08:00:00.000Z`,
    ...extra,
  });
  await v1.table('entries').bulkPut([
    entry('e1', 'y2023', '2023-10-02', nfd('Bồi dưỡng thường xuyên')),
    entry('e2', 'y2023', '2023-11-15', nfd('Dự giờ đồng nghiệp'), { note: nfd('Rút kinh nghiệm') }),
    entry('e3', 'y2022', '2023-03-01', 'Chuyên đề năm trước'),
    // A v1 row missing an optional text field entirely.
    { ...entry('e4', 'y2023', '2024-02-20', 'Sinh hoạt tổ'), note: undefined },
  ]);
  await v1.table('reflections').bulkPut([
    { id: 'r1', schoolYearId: 'y2023', period: '2023-10', text: nfd('Tháng Mười: đã học mô đun 2'), updatedAt: '2023-10-31T00:00:00.000Z' },
    { id: 'r2', schoolYearId: 'y2023', period: 'HK1', text: nfd('Học kỳ I'), updatedAt: '2024-01-14T00:00:00.000Z' },
  ]);
  await v1.table('meta').put({ key: 'lastBackupAt', value: '2023-12-01T00:00:00.000Z' });
  v1.close();
  return name;
}

describe('Dexie version 1 → 2', () => {
  it('upgrades real v1 data: createdAt, search words, NFC text, reflection kinds, new indexes, outbox', async () => {
    const name = await createV1();
    const db = new LogbookDatabase(name);
    await db.open();
    expect(db.verno).toBe(6); // v1 upgrades straight to the current version
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'annotationReads',
      'annotations',
      'confirmations',
      'conflicts',
      'entries',
      'foreign',
      'innovationTopics',
      'meta',
      'observations',
      'observedLessons',
      'outbox',
      'profile',
      'reflections',
      'schoolYears',
      'shadows',
      'skkn',
      'skknRevisions',
      'skknSections',
    ]);

    const e1 = await db.entries.get('e1');
    expect(e1).toMatchObject({ createdAt: '2023-10-02T08:00:00.000Z', updatedAt: '2023-10-02T08:00:00.000Z', content: 'Bồi dưỡng thường xuyên' });
    expect(e1?.content).toBe(e1?.content.normalize('NFC'));
    expect(e1?.source).toBe('Tài liệu Sở GD&ĐT'.normalize('NFC'));
    expect(e1?.searchWords).toEqual(expect.arrayContaining(['boi', 'duong', 'thuong', 'xuyen', 'tai', 'lieu', 'so', 'gd', 'dt']));
    expect(e1?.searchKeys).toContain('boi 2023-10-02 2023-10-02T08:00:00.000Z e1');
    expect((await db.entries.get('e4'))?.note).toBe('');
    for (const e of await db.entries.toArray()) {
      for (const field of ['content', 'source', 'result', 'evidence', 'note'] as const) expect(e[field]).toBe(e[field].normalize('NFC'));
    }

    // Reflections: kind derived from the period, text in NFC, found through the new compound index.
    expect(await getReflection(db, 'y2023', 'month', '2023-10')).toMatchObject({ id: 'r1', kind: 'month', text: 'Tháng Mười: đã học mô đun 2'.normalize('NFC') });
    expect(await getReflection(db, 'y2023', 'semester', 'HK1')).toMatchObject({ id: 'r2', kind: 'semester', text: 'Học kỳ I' });
    // Profile lines in NFC.
    expect((await db.profile.get('profile'))?.fullName).toBe('Lê Thị Hồng'.normalize('NFC'));

    // New indexes work on migrated rows.
    expect((await entriesBetween(db, 'y2023', '2023-10-01', '2023-11-30')).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect((await db.entries.where('searchKeys').startsWith('dong ').toArray()).map((e) => e.id)).toEqual(['e2']);
    expect((await searchEntries(db, 'rut kinh')).map((e) => e.id)).toEqual(['e2']);
    expect((await searchEntries(db, 'Đồng nghiệp')).map((e) => e.id)).toEqual(['e2']);

    // Device bookkeeping survives.
    expect(await db.meta.get('lastBackupAt')).toEqual({ key: 'lastBackupAt', value: '2023-12-01T00:00:00.000Z' });

    // v1 kept everything on the device only: every record is queued so it reaches the server later.
    const rows = await db.outbox.orderBy('seq').toArray();
    expect([...new Set(rows.map((r) => r.table))]).toEqual(['profile', 'schoolYears', 'entries', 'reflections']);
    const queued = rows.map((r) => `${r.table}:${r.recordId}:${r.op}`).sort();
    expect(queued).toEqual(
      ['entries:e1', 'entries:e2', 'entries:e3', 'entries:e4', 'profile:profile', 'reflections:r1', 'reflections:r2', 'schoolYears:y2022', 'schoolYears:y2023'].map((k) => `${k}:put`),
    );

    // New writes work and append to the outbox.
    const saved = await saveEntry(db, input({ date: '2023-12-05' }));
    expect(saved.ok && saved.schoolYear.id).toBe('y2023');
    expect(await db.outbox.count()).toBe(10);

    // Migrated data exports as a valid current backup.
    const parsed = parseBackup(JSON.stringify(await exportBackup(db)));
    expect(parsed.ok).toBe(true);
    db.close();
  });

  it('upgrades an empty v1 database', async () => {
    const name = `t-v1-${crypto.randomUUID()}`;
    names.push(name);
    const v1 = new Dexie(name);
    v1.version(1).stores({ profile: 'id', schoolYears: 'id, startYear', entries: 'id, date, schoolYearId', reflections: 'id, schoolYearId, period', meta: 'key' });
    await v1.open();
    v1.close();
    const db = new LogbookDatabase(name);
    await db.open();
    expect(db.verno).toBe(6); // v1 upgrades straight to the current version
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entries.count()).toBe(0);
    db.close();
  });
});
