import type { Entry } from '../../domain/records.ts';
import type { LogbookDatabase } from '../db/database.ts';

/**
 * Same query as db/entries.ts entriesOfYear, for the first screen: importing db/entries.ts there
 * would pull the validation schemas (zod) into the initial bundle.
 */
export function entriesOfYearLight(db: LogbookDatabase, schoolYearId: string): Promise<Entry[]> {
  return db.entries.where('[schoolYearId+date]').between([schoolYearId, ''], [schoolYearId, '\uffff']).toArray();
}
