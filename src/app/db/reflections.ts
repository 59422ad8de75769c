import type { Reflection } from '../../domain/records.ts';
import { normalizeText } from '../../domain/text.ts';
import type { LogbookDatabase } from './database.ts';
import { newId, nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

export function getReflection(db: LogbookDatabase, schoolYearId: string, kind: Reflection['kind'], period: string): Promise<Reflection | undefined> {
  return db.reflections.where('[schoolYearId+kind+period]').equals([schoolYearId, kind, period]).first();
}

export function reflectionsOfYear(db: LogbookDatabase, schoolYearId: string): Promise<Reflection[]> {
  return db.reflections.where('[schoolYearId+kind+period]').between([schoolYearId, '', ''], [schoolYearId, '\uffff', '\uffff']).toArray();
}

/** One reflection per month or semester: saving again replaces its text. */
export async function saveReflection(db: LogbookDatabase, schoolYearId: string, kind: Reflection['kind'], period: string, text: string): Promise<Reflection> {
  return db.transaction('rw', db.reflections, db.outbox, async () => {
    const existing = await getReflection(db, schoolYearId, kind, period);
    const reflection: Reflection = { id: existing?.id ?? newId(), schoolYearId, kind, period, text: normalizeText(text), updatedAt: nowIso() };
    await db.reflections.put(reflection);
    await enqueue(db, 'reflections', reflection.id, 'put');
    return reflection;
  });
}
