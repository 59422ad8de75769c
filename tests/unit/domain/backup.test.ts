import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, createBackup, emptyV3Tables, parseBackup, type ParsedBackup } from '../../../src/domain/backup.ts';
import { LOGBOOK_SCHEMA_VERSION } from '../../../src/domain/records.ts';
import { data, entry, reflection, T, year2023 } from './fixtures.ts';

const file = (over: Record<string, unknown> = {}, dataOver: Record<string, unknown> = {}) =>
  JSON.stringify({ ...createBackup(data, T), ...over, data: { ...data, ...dataOver } });

function expectError(result: ParsedBackup, error: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toBe(error);
}

describe('parseBackup', () => {
  it('reads back what createBackup wrote', () => {
    const result = parseBackup(JSON.stringify(createBackup(data, T)));
    expect(result).toEqual({ ok: true, backup: { format: BACKUP_FORMAT, schemaVersion: LOGBOOK_SCHEMA_VERSION, exportedAt: T, data }, migratedFrom: null });
  });
  it('accepts an empty logbook', () => {
    const result = parseBackup(JSON.stringify(createBackup({ profile: null, schoolYears: [], entries: [], reflections: [], ...emptyV3Tables() }, T)));
    expect(result.ok).toBe(true);
  });
  it.each(['', 'not json', '{"format":', '\u0000'])('refuses non-JSON %j', (raw) => {
    expectError(parseBackup(raw), 'backup.notJson');
  });
  it.each(['null', '42', '"text"', '[]', '{}', '{"format":"other-app/backup","schemaVersion":2,"data":{}}', JSON.stringify({ entries: [entry] })])(
    'refuses foreign JSON %s',
    (raw) => {
      expectError(parseBackup(raw), 'backup.foreign');
    },
  );
  it('refuses a file from a newer version', () => {
    expectError(parseBackup(file({ schemaVersion: LOGBOOK_SCHEMA_VERSION + 1 })), 'backup.tooNew');
  });
  it.each([0, -1, 1.5, '2', null])('refuses a nonsensical schema version %j', (schemaVersion) => {
    expectError(parseBackup(file({ schemaVersion })), 'backup.damaged');
  });
  it('refuses a file without data or a bad export time', () => {
    expectError(parseBackup(JSON.stringify({ ...createBackup(data, T), data: null })), 'backup.damaged');
    expectError(parseBackup(file({ exportedAt: 'yesterday' })), 'backup.damaged');
  });
  it.each([
    ['a field of the wrong type', { entries: [{ ...entry, periods: '2' }] }],
    ['a missing field', { entries: [{ ...entry, content: undefined }] }],
    ['an unknown form', { entries: [{ ...entry, form: 'khac' }] }],
    ['a day that does not exist', { entries: [{ ...entry, date: '2023-02-30' }] }],
    ['an entry of a missing school year', { entries: [{ ...entry, schoolYearId: 'nope' }] }],
    ['a reflection of a missing school year', { reflections: [{ ...reflection, schoolYearId: 'nope' }] }],
    ['a reflection whose kind contradicts its period', { reflections: [{ ...reflection, kind: 'semester' }] }],
    ['a table that is not a list', { entries: { e1: entry } }],
    ['a missing table', { reflections: undefined }],
    ['two entries with one id', { entries: [entry, { ...entry, content: 'khác' }] }],
    ['two school years with one id', { schoolYears: [year2023, { ...year2023, startYear: 2024 }] }],
    ['two school years for one start year', { schoolYears: [year2023, { ...year2023, id: 'y2023b' }] }],
    ['two reflections for one period', { reflections: [reflection, { ...reflection, id: 'r2' }] }],
  ])('refuses %s as damaged, without throwing', (_name, dataOver) => {
    const result = parseBackup(file({}, dataOver));
    expectError(result, 'backup.damaged');
    if (!result.ok) expect(result.detail).toBeTruthy();
  });
  it('normalises decomposed text to NFC', () => {
    const nfd = 'Bồi dưỡng thường xuyên'.normalize('NFD');
    const result = parseBackup(file({}, { entries: [{ ...entry, content: nfd }] }));
    expect(result.ok && result.backup.data.entries[0]?.content).toBe('Bồi dưỡng thường xuyên');
  });

  it('migrates a version-1 file: entries get createdAt, reflections their kind', () => {
    const { createdAt: _c, ...v1Entry } = entry;
    const { kind: _k, ...v1Month } = reflection;
    const { kind: _k2, ...v1Semester } = { ...reflection, id: 'r2', period: 'HK1', kind: 'semester' };
    const v1 = JSON.stringify({
      format: BACKUP_FORMAT,
      schemaVersion: 1,
      exportedAt: T,
      data: { profile: null, schoolYears: [year2023], entries: [{ ...v1Entry, content: v1Entry.content.normalize('NFD') }], reflections: [v1Month, v1Semester] },
    });
    const result = parseBackup(v1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(result.backup.schemaVersion).toBe(LOGBOOK_SCHEMA_VERSION);
    expect(result.backup.data.entries).toEqual([{ ...entry, createdAt: entry.updatedAt }]);
    expect(result.backup.data.reflections.map((r) => [r.period, r.kind])).toEqual([
      ['2023-10', 'month'],
      ['HK1', 'semester'],
    ]);
  });
  it('a version-1 file keeps a createdAt it already had, and is still checked after migration', () => {
    const v1 = (entries: unknown[]) =>
      JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: T, data: { profile: null, schoolYears: [year2023], entries, reflections: [] } });
    const kept = parseBackup(v1([entry]));
    expect(kept.ok && kept.backup.data.entries[0]?.createdAt).toBe(entry.createdAt);
    const { createdAt: _c, updatedAt: _u, ...bare } = entry;
    expectError(parseBackup(v1([bare])), 'backup.damaged');
    expectError(parseBackup(v1(['not an entry'])), 'backup.damaged');
  });
  it('a version-1 file with a damaged table is refused, not imported as empty', () => {
    const v1 = (tables: Record<string, unknown>) =>
      JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: T, data: { profile: null, schoolYears: [year2023], entries: [], reflections: [], ...tables } });
    expect(parseBackup(v1({})).ok).toBe(true);
    expectError(parseBackup(v1({ entries: { e1: entry } })), 'backup.damaged');
    expectError(parseBackup(v1({ entries: undefined })), 'backup.damaged');
    expectError(parseBackup(v1({ reflections: 'none' })), 'backup.damaged');
  });
});
