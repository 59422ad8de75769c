import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../../../src/app/db/backup.ts';
import { ensureSchoolYearNow } from '../../../../src/app/db/schoolYears.ts';
import type { Annotation } from '../../../../src/domain/annotations.ts';
import type { InnovationTopic } from '../../../../src/domain/innovationTopic.ts';
import type { Observation } from '../../../../src/domain/observations.ts';
import { annotation, observation } from '../../../server/scopeFixtures.ts';
import { freshDb } from './helpers.ts';

const T = '2024-10-01T08:00:00.000Z';

describe('backup of the whole own logbook (version 3)', () => {
  it('round-trips observations, her own annotations, read marks and the innovation topic; others’ notes stay out', async () => {
    const source = freshDb();
    const { year } = await ensureSchoolYearNow(source, 2024);
    await source.meta.put({ key: 'sync.shadowUser', value: 'u-lan' });
    await source.observations.put(observation('o1', { schoolYearId: year.id, strengths: 'Câu hỏi gợi mở'.normalize('NFD') }) as unknown as Observation);
    await source.annotations.bulkPut([
      annotation('a-mentor', { id: 'u-hoa', name: 'Trần Thị Hòa' }) as unknown as Annotation,
      annotation('a-reply', { id: 'u-lan', name: 'Nguyễn Thị Lan' }, { threadId: 'a-mentor', text: 'Em cảm ơn cô.' }) as unknown as Annotation,
    ]);
    await source.annotationReads.put({ id: 'a-mentor', readAt: T });
    const topic = { id: 't1', schoolYearId: year.id, title: 'Dạy học theo trạm', reason: 'Học sinh thụ động', goals: '', measures: '', milestones: [], progressNotes: [], summary: '', status: 'registered', createdAt: T, updatedAt: T };
    await source.innovationTopics.put(topic as InnovationTopic);

    const first = await exportBackup(source);
    expect(first.schemaVersion).toBe(3);
    expect(first.data.observations.map((o) => o.strengths)).toEqual(['Câu hỏi gợi mở'.normalize('NFC')]);
    expect(first.data.annotations.map((a) => a.id)).toEqual(['a-reply']);
    expect(first.data.annotationReads).toEqual([{ id: 'a-mentor', readAt: T }]);
    expect(first.data.innovationTopics).toEqual([topic]);

    const target = freshDb();
    await target.meta.put({ key: 'sync.shadowUser', value: 'u-lan' });
    const result = await importBackup(target, JSON.stringify(first));
    expect(result.ok).toBe(true);
    const second = await exportBackup(target);
    expect(JSON.stringify(second.data)).toBe(JSON.stringify(first.data));
    // Restored records are queued for the next sync, parents before the notes about them.
    const queued = (await target.outbox.orderBy('seq').toArray()).map((r) => r.table);
    expect(queued.filter((t) => t !== 'schoolYears')).toEqual(['observations', 'innovationTopics', 'annotations', 'annotationReads']);
  });

  it('restoring replaces the new tables too', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2024);
    await db.observations.put(observation('o-old', { schoolYearId: year.id }) as unknown as Observation);
    const backup = await exportBackup(freshDb());
    expect(await importBackup(db, JSON.stringify(backup))).toMatchObject({ ok: true });
    expect(await db.observations.count()).toBe(0);
  });
});
