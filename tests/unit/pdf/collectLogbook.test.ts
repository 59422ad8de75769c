import { describe, expect, it } from 'vitest';
import { collectLogbook } from '../../../src/app/features/pdfExport/collectLogbook.ts';
import { buildLogbookDocument, presentSections } from '../../../src/pdf/buildLogbookDocument.ts';
import { freshDb } from '../app/db/helpers.ts';
import { confirmation, entry, observation, PROFILE, reflection, SKKN, TOPIC, YEAR } from './sampleLogbook.ts';

describe('collectLogbook (the app side of the export)', () => {
  it('reads the school year’s records and the school settings from the device, and nothing of other years', async () => {
    const db = freshDb();
    const other = { ...YEAR, id: 'year-2022', startYear: 2022 };
    await db.schoolYears.bulkPut([YEAR, other]);
    await db.profile.put(PROFILE);
    await db.entries.bulkPut([
      { ...entry('e1', '2023-09-12', 'Học mô đun GVPT 05', { bdtxProgram: '03', module: 'GVPT 05' }), searchWords: [], searchKeys: [] },
      { ...entry('old', '2022-10-01', 'Năm học trước', { schoolYearId: other.id }), searchWords: [], searchKeys: [] },
    ]);
    await db.reflections.put(reflection('semester', 'HK1', 'Tự nhận xét học kỳ I.'));
    await db.observations.bulkPut([observation('o1', '2023-10-18'), observation('o-old', '2022-10-18', { schoolYearId: other.id })]);
    await db.innovationTopics.put(TOPIC);
    await db.skkn.put(SKKN);
    await db.confirmations.put(confirmation('toTruong', 'Lê Thị Cúc', '2024-01-05T02:00:00.000Z'));
    await db.meta.put({ key: 'school.context', value: { settings: { schoolName: 'Trường THCS Lộc Nga', placeName: 'Lộc Nga' } } });

    const input = await collectLogbook(db, YEAR);
    expect(input.entries.map((e) => e.id)).toEqual(['e1']);
    expect(input.observations.map((o) => o.id)).toEqual(['o1']);
    expect(input.settings).toMatchObject({ schoolName: 'Trường THCS Lộc Nga', placeName: 'Lộc Nga', pdfTitle: 'SỔ BỒI DƯỠNG CHUYÊN MÔN, NGHIỆP VỤ' });
    expect(input.innovationTopic?.id).toBe(TOPIC.id);
    // Structured-clonable for postMessage to the worker.
    expect(structuredClone(input)).toEqual(input);
    expect(presentSections(input, { period: 'HK1', signedOn: '2024-01-05' })).toEqual(['profile', 'entries', 'bdtx', 'observations', 'innovation', 'skkn', 'semesterReflection']);
    expect(buildLogbookDocument(input, { period: 'HK1', signedOn: '2024-01-05' }).info.author).toBe('Nguyễn Thị Hoà');
  });
});
