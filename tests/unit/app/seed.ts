import type { LogbookDatabase } from '../../../src/app/db/database.ts';
import { saveEntry } from '../../../src/app/db/entries.ts';
import type { EntryInput } from '../../../src/domain/records.ts';

export async function seedEntry(db: LogbookDatabase, input: Partial<EntryInput> & { date: string; content: string }) {
  const result = await saveEntry(db, { form: 'tu-hoc', bdtxProgram: null, module: null, periods: 2, source: '', result: '', evidence: '', note: '', ...input });
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.errors)}`);
  return result.entry;
}
