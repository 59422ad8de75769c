import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE, getProfile, saveProfile } from '../../../../src/app/db/profile.ts';
import { getReflection, reflectionsOfYear, saveReflection } from '../../../../src/app/db/reflections.ts';
import { ensureSchoolYear, ensureSchoolYearNow, listSchoolYears, saveSchoolYearDates } from '../../../../src/app/db/schoolYears.ts';
import { freshDb, snapshot } from './helpers.ts';

describe('reflections', () => {
  it('one per month or semester: saving twice updates, not duplicates', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    const first = await saveReflection(db, year.id, 'month', '2023-10', 'Lần đầu');
    const second = await saveReflection(db, year.id, 'month', '2023-10', 'Tự nhận xét'.normalize('NFD'));
    expect(second.id).toBe(first.id);
    expect(second.text).toBe('Tự nhận xét'.normalize('NFC'));
    const hk1 = await saveReflection(db, year.id, 'semester', 'HK1', 'Học kỳ I');
    expect(await db.reflections.count()).toBe(2);
    expect(await getReflection(db, year.id, 'month', '2023-10')).toEqual(second);
    expect(await getReflection(db, year.id, 'semester', 'HK1')).toEqual(hk1);
    expect(await getReflection(db, year.id, 'semester', 'HK2')).toBeUndefined();
    expect((await reflectionsOfYear(db, year.id)).map((r) => r.period).sort()).toEqual(['2023-10', 'HK1']);
    expect(await reflectionsOfYear(db, 'other')).toEqual([]);
    expect((await db.outbox.where('recordId').equals(first.id).toArray()).map((r) => r.op)).toEqual(['put', 'put']);
  });
  it('refuses a period that does not match its kind (it could never be found, nor restored from a backup)', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    const before = await snapshot(db);
    await expect(saveReflection(db, year.id, 'month', 'HK1', 'x')).rejects.toThrow();
    await expect(saveReflection(db, year.id, 'semester', '2023-10', 'x')).rejects.toThrow();
    await expect(saveReflection(db, year.id, 'month', '2023-13', 'x')).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('school years', () => {
  it('ensureSchoolYear creates once with default dates and queues it', async () => {
    const db = freshDb();
    const a = await ensureSchoolYearNow(db, 2023);
    const b = await ensureSchoolYearNow(db, 2023);
    expect(a.created).toBe(true);
    expect(b).toEqual({ year: a.year, created: false });
    expect(a.year).toMatchObject({ startYear: 2023, hk1Start: '2023-09-05', hk1End: '2024-01-14', hk2Start: '2024-01-15', hk2End: '2024-05-25' });
    await ensureSchoolYearNow(db, 2021);
    expect((await listSchoolYears(db)).map((y) => y.startYear)).toEqual([2021, 2023]);
    expect(await db.outbox.count()).toBe(2);
  });
  it('concurrent ensures of the same year create it once', async () => {
    const db = freshDb();
    const results = await Promise.all([ensureSchoolYearNow(db, 2023), ensureSchoolYearNow(db, 2023), db.transaction('rw', db.schoolYears, db.outbox, () => ensureSchoolYear(db, 2023))]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.schoolYears.count()).toBe(1);
  });
  it('saveSchoolYearDates saves coherent dates and refuses the rest without writing', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    const dates = { hk1Start: '2023-09-04', hk1End: '2024-01-12', hk2Start: '2024-01-15', hk2End: '2024-05-24' };
    expect(await saveSchoolYearDates(db, year.id, dates)).toEqual({ ok: true });
    const saved = await db.schoolYears.get(year.id);
    expect(saved).toMatchObject({ ...dates, startYear: 2023, id: year.id });
    const before = await snapshot(db);
    expect(await saveSchoolYearDates(db, year.id, { ...dates, hk1End: '2023-09-01' })).toEqual({ ok: false, errors: ['errors.hk1Order'] });
    expect(await saveSchoolYearDates(db, year.id, { ...dates, hk2Start: '2024-01-12' })).toEqual({ ok: false, errors: ['errors.semesterOverlap'] });
    expect(await saveSchoolYearDates(db, year.id, { ...dates, hk2End: '2024-01-14' })).toEqual({ ok: false, errors: ['errors.hk2Order'] });
    expect(await saveSchoolYearDates(db, year.id, { ...dates, hk1Start: '' })).toEqual({ ok: false, errors: ['errors.dateInvalid'] });
    expect(await saveSchoolYearDates(db, year.id, { ...dates, hk2End: '2025-05-24' })).toEqual({ ok: false, errors: ['errors.yearMismatch'] });
    expect(await saveSchoolYearDates(db, 'missing', dates)).toEqual({ ok: false, errors: ['errors.notFound'] });
    expect(await snapshot(db)).toEqual(before);
    // Extra fields from a form state never change the year's identity.
    expect(await saveSchoolYearDates(db, year.id, { ...dates, startYear: 2030, id: 'other' } as typeof dates)).toEqual({ ok: true });
    expect(await db.schoolYears.get(year.id)).toMatchObject({ id: year.id, startYear: 2023 });
    expect(await db.schoolYears.count()).toBe(1);
  });
});

describe('profile', () => {
  it('saves trimmed NFC fields, replaces the single profile, queues it', async () => {
    const db = freshDb();
    expect(await getProfile(db)).toBeUndefined();
    await saveProfile(db, { ...EMPTY_PROFILE, fullName: '  Nguyễn Thị Hương '.normalize('NFD'), school: 'THCS <b>Kim Đồng</b>' });
    const saved = await saveProfile(db, { ...EMPTY_PROFILE, fullName: 'Nguyễn Thị Hương', school: 'THCS <b>Kim Đồng</b>', province: 'Hà Nội' });
    expect(await getProfile(db)).toEqual(saved);
    expect(saved).toMatchObject({ id: 'profile', fullName: 'Nguyễn Thị Hương', school: 'THCS <b>Kim Đồng</b>', province: 'Hà Nội', subject: '' });
    expect(await db.profile.count()).toBe(1);
    expect(await db.outbox.count()).toBe(2);
  });
  it('refuses an over-long field without writing anything', async () => {
    const db = freshDb();
    await expect(saveProfile(db, { ...EMPTY_PROFILE, school: 'x'.repeat(501) })).rejects.toThrow();
    expect(await db.profile.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('reflection text cap', () => {
  it('accepts 100 KB and refuses text over the cap with errors.tooLong', async () => {
    const { storageErrorKey } = await import('../../../../src/app/db/errors.ts');
    const { MAX_TEXT_LENGTH } = await import('../../../../src/domain/recordRules.ts');
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2023);
    const big = 'Tự nhận xét. '.repeat(8_000).slice(0, 100_000);
    expect((await saveReflection(db, year.id, 'semester', 'HK2', big)).text).toBe(big);
    const error = await saveReflection(db, year.id, 'month', '2023-11', 'x'.repeat(MAX_TEXT_LENGTH + 1)).catch((e: unknown) => e);
    expect(storageErrorKey(error)).toBe('errors.tooLong');
    expect(await db.reflections.count()).toBe(1);
  });
});
