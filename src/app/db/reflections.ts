import type { Reflection } from '../../domain/records.ts';
import { isReflectionPeriod, MAX_TEXT_LENGTH } from '../../domain/recordRules.ts';
import { normalizeText } from '../../domain/text.ts';
import type { LogbookDatabase } from './database.ts';
import { ValidationError } from './errors.ts';
import { newId, nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

export function getReflection(db: LogbookDatabase, schoolYearId: string, kind: Reflection['kind'], period: string): Promise<Reflection | undefined> {
  return db.reflections.where('[schoolYearId+kind+period]').equals([schoolYearId, kind, period]).first();
}

export function reflectionsOfYear(db: LogbookDatabase, schoolYearId: string): Promise<Reflection[]> {
  return db.reflections.where('[schoolYearId+kind+period]').between([schoolYearId, '', ''], [schoolYearId, '\uffff', '\uffff']).toArray();
}

/**
 * One reflection per month or semester: saving again replaces its text.
 * Rejects with a ValidationError (storageErrorKey gives its i18n key) when the period does not match
 * the kind or the text is over the cap: such a record would be stored, but the backup holding it
 * could never be restored.
 */
export async function saveReflection(db: LogbookDatabase, schoolYearId: string, kind: Reflection['kind'], period: string, text: string): Promise<Reflection> {
  if (!isReflectionPeriod(kind, period)) throw new ValidationError('errors.invalid', `reflection period ${period} does not fit kind ${kind}`);
  if (text.length > MAX_TEXT_LENGTH) throw new ValidationError('errors.tooLong');
  return db.transaction('rw', db.reflections, db.outbox, async () => {
    const existing = await getReflection(db, schoolYearId, kind, period);
    const reflection: Reflection = { id: existing?.id ?? newId(), schoolYearId, kind, period, text: normalizeText(text), updatedAt: nowIso() };
    await db.reflections.put(reflection);
    await enqueue(db, 'reflections', reflection.id, 'put');
    return reflection;
  });
}
