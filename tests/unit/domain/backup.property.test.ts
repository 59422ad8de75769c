import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackup, emptyV3Tables, parseBackup, type BackupData } from '../../../src/domain/backup.ts';
import { BDTX_MODULE_CODES, BDTX_PROGRAM_CODES } from '../../../src/domain/catalogs/bdtx.ts';
import { TRAINING_FORM_CODES } from '../../../src/domain/catalogs/trainingForms.ts';
import { toIsoDate } from '../../../src/domain/dates.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../../../src/domain/records.ts';
import { defaultSchoolYearDates } from '../../../src/domain/schoolYear.ts';

/** Any text, stored as the app stores it (NFC). Includes lone surrogates, HTML, control characters. */
const text = fc.string({ unit: 'binary', maxLength: 80 }).map((s) => s.normalize('NFC'));
const line = text.map((s) => s.trim().slice(0, 500));
const timestamp = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const day = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }).map(toIsoDate);
const periods = fc.integer({ min: 1, max: 48 }).map((q) => q / 4);

const profile: fc.Arbitrary<Profile> = fc.record({
  id: fc.constant('profile' as const),
  fullName: line,
  school: line,
  department: line,
  subject: line,
  position: line,
  homeroomClass: line,
  district: line,
  province: line,
  updatedAt: timestamp,
});

const data: fc.Arbitrary<BackupData> = fc
  .uniqueArray(fc.integer({ min: 2000, max: 2099 }), { minLength: 1, maxLength: 3 })
  .chain((starts) => {
    const schoolYears = fc.tuple(...starts.map((startYear) => timestamp.map((updatedAt): SchoolYear => ({ id: `y${startYear}`, ...defaultSchoolYearDates(startYear), updatedAt }))));
    const yearId = fc.constantFrom(...starts.map((s) => `y${s}`));
    const entry: fc.Arbitrary<Entry> = fc
      .record({
        id: fc.uuid(),
        schoolYearId: yearId,
        date: day,
        content: text,
        form: fc.constantFrom(...TRAINING_FORM_CODES),
        bdtxProgram: fc.option(fc.constantFrom(...BDTX_PROGRAM_CODES), { nil: null }),
        module: fc.constantFrom(...BDTX_MODULE_CODES),
        periods,
        source: text,
        result: text,
        evidence: text,
        note: text,
        createdAt: timestamp,
        updatedAt: timestamp,
      })
      .map((e) => ({ ...e, module: e.bdtxProgram === '03' ? e.module : null }));
    const reflection: fc.Arbitrary<Reflection> = fc.oneof(
      fc.record({ kind: fc.constant('month' as const), period: day.map((d) => d.slice(0, 7)) }),
      fc.record({ kind: fc.constant('semester' as const), period: fc.constantFrom('HK1', 'HK2') }),
    ).chain(({ kind, period }) => fc.record({ id: fc.uuid(), schoolYearId: yearId, kind: fc.constant(kind), period: fc.constant(period), text, updatedAt: timestamp }));
    return fc.record({
      profile: fc.option(profile, { nil: null }),
      schoolYears,
      entries: fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 8 }),
      reflections: fc.uniqueArray(reflection, { selector: (r) => `${r.schoolYearId} ${r.kind} ${r.period}`, maxLength: 6 }).map((rs) => {
        const seen = new Set<string>();
        return rs.filter((r) => !seen.has(r.id) && seen.add(r.id));
      }),
    }).map((d) => ({ ...emptyV3Tables(), ...d }));
  });

describe('backup properties', () => {
  it('createBackup → JSON → parseBackup gives back the same data', () => {
    fc.assert(
      fc.property(data, timestamp, (d, exportedAt) => {
        const result = parseBackup(JSON.stringify(createBackup(d, exportedAt)));
        if (!result.ok) throw new Error(`${result.error}: ${result.detail}`);
        expect(result.backup.data).toEqual(d);
        expect(result.backup.exportedAt).toBe(exportedAt);
        expect(result.migratedFrom).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
  it('any truncation of a backup file is refused without throwing', () => {
    fc.assert(
      fc.property(data, fc.double({ min: 0, max: 1, noNaN: true }), (d, where) => {
        const raw = JSON.stringify(createBackup(d, '2024-01-01T00:00:00.000Z'));
        const cut = Math.min(raw.length - 1, Math.floor(raw.length * where));
        const result = parseBackup(raw.slice(0, cut));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
