import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, createBackup, parseBackup } from '../../../src/domain/backup.ts';
import { LOGBOOK_SCHEMA_VERSION } from '../../../src/domain/records.ts';
import { annotation, observation } from '../../server/scopeFixtures.ts';
import { data, entry, reflection, T, year2023 } from './fixtures.ts';

const obs = observation('o1', { schoolYearId: 'y2023' });
const topic = { id: 't1', schoolYearId: 'y2023', title: 'Dạy học theo trạm', reason: '', goals: '', measures: '', milestones: [], progressNotes: [], summary: '', status: 'registered', createdAt: T, updatedAt: T };
const full = { ...data, observations: [obs], annotations: [annotation('a1', { id: 'u1', name: 'Lan' })], annotationReads: [{ id: 'a0', readAt: T }], innovationTopics: [topic] };

describe('backup version 3', () => {
  it('is the current version and carries observations, her annotations, read marks and the innovation topic', () => {
    expect(LOGBOOK_SCHEMA_VERSION).toBe(3);
    const result = parseBackup(JSON.stringify(createBackup(full as never, T)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.data).toEqual(full);
    expect(result.migratedFrom).toBeNull();
  });

  it('migrates a version-2 file: the new tables start empty', () => {
    const v2 = JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: 2, exportedAt: T, data: { profile: null, schoolYears: [year2023], entries: [entry], reflections: [reflection] } });
    const result = parseBackup(v2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(2);
    expect(result.backup.schemaVersion).toBe(3);
    expect(result.backup.data).toMatchObject({ entries: [entry], observations: [], annotations: [], annotationReads: [], innovationTopics: [], skkn: [], skknSections: [], skknRevisions: [] });
  });

  it.each([
    ['an observation of a missing school year', { observations: [{ ...obs, schoolYearId: 'nope' }] }],
    ['two observations with one id', { observations: [obs, { ...obs, className: '8B' }] }],
    ['an observation without its rubric', { observations: [{ ...obs, rubricId: '' }] }],
    ['an innovation topic of a missing school year', { innovationTopics: [{ ...topic, schoolYearId: 'nope' }] }],
    ['a section of a missing SKKN', { skknSections: [{ id: 's1', skknId: 'nope', content: '<p>Mở đầu</p>', notes: '', updatedAt: T }] }],
    ['a missing v3 table in a v3 file', { observations: undefined }],
  ])('refuses %s as damaged', (_name, over) => {
    const result = parseBackup(JSON.stringify({ ...createBackup(full as never, T), data: { ...full, ...over } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe('backup.damaged');
  });
});
