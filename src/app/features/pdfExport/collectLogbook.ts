import Dexie from 'dexie';
import type { SchoolYear } from '../../../domain/records.ts';
import type { LogbookInput } from '../../../pdf/types.ts';
import type { LogbookDatabase } from '../../db/database.ts';
import { entriesOfYear } from '../../db/entries.ts';
import { readSchoolContext } from '../../db/observations.ts';

/** The teacher's own logbook of one school year, read in one transaction, for the PDF worker. */
export async function collectLogbook(db: LogbookDatabase, year: SchoolYear): Promise<LogbookInput> {
  const range = [
    [year.id, Dexie.minKey],
    [year.id, Dexie.maxKey],
  ] as const;
  return db.transaction(
    'r',
    [db.meta, db.profile, db.entries, db.reflections, db.observations, db.observedLessons, db.annotations, db.confirmations, db.innovationTopics, db.skkn],
    async () => {
      const [context, profile, entries, reflections, observations, observedLessons, annotations, confirmations, topics, skkn] = await Promise.all([
        readSchoolContext(db),
        db.profile.get('profile'),
        entriesOfYear(db, year.id),
        db.reflections.filter((r) => r.schoolYearId === year.id).toArray(),
        db.observations.where('[schoolYearId+date]').between(range[0], range[1], true, true).toArray(),
        db.observedLessons.where('[schoolYearId+date]').between(range[0], range[1], true, true).toArray(),
        db.annotations.toArray(),
        db.confirmations.filter((c) => c.schoolYearId === year.id).toArray(),
        db.innovationTopics.where('schoolYearId').equals(year.id).toArray(),
        db.skkn.where('schoolYearId').equals(year.id).toArray(),
      ]);
      return {
        settings: context.settings,
        profile: profile ?? null,
        schoolYear: year,
        entries,
        reflections,
        observations,
        observedLessons,
        annotations,
        innovationTopic: topics.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0] ?? null,
        skkn,
        confirmations,
      };
    },
  );
}
