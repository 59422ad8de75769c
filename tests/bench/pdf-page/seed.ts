// Bench-only page (served at /__pdf/ beside a copy of the app, same origin): writes the realistic
// semester of tests/unit/pdf/sampleLogbook.ts into the app's own IndexedDB with the app's database
// class, so that the benchmark then exports it through the real semester screen.
import { DATABASE_NAME, LogbookDatabase } from '../../../src/app/db/database.ts';
import { largeLogbook } from '../../unit/pdf/sampleLogbook.ts';

declare global {
  interface Window {
    pdfBench: { seed(entries: number, observations: number): Promise<number> };
  }
}

window.pdfBench = {
  async seed(entries, observations) {
    const input = largeLogbook(entries, observations);
    const db = new LogbookDatabase(DATABASE_NAME);
    await db.transaction('rw', [db.schoolYears, db.profile, db.entries, db.reflections, db.observations, db.annotations, db.innovationTopics, db.skkn, db.confirmations, db.meta], async () => {
      await db.schoolYears.put(input.schoolYear);
      if (input.profile) await db.profile.put(input.profile);
      await db.entries.bulkPut(input.entries.map((e) => ({ ...e, searchWords: [], searchKeys: [] })));
      await db.reflections.bulkPut([...input.reflections]);
      await db.observations.bulkPut([...input.observations]);
      await db.annotations.bulkPut([...input.annotations]);
      if (input.innovationTopic) await db.innovationTopics.put(input.innovationTopic);
      await db.skkn.bulkPut([...input.skkn]);
      await db.confirmations.bulkPut([...input.confirmations]);
      await db.meta.put({ key: 'school.context', value: { settings: input.settings } });
    });
    const count = await db.entries.count();
    db.close();
    return count;
  },
};
document.getElementById('status')!.dataset.ready = '1';
