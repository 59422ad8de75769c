import { afterEach } from 'vitest';
import { LogbookDatabase } from '../../../../src/app/db/database.ts';
import type { EntryInput } from '../../../../src/domain/records.ts';

const opened: LogbookDatabase[] = [];

/** A fresh fake-indexeddb database per test, deleted afterwards. */
export function freshDb(): LogbookDatabase {
  const db = new LogbookDatabase(`t-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

export const input = (over: Partial<EntryInput> = {}): EntryInput => ({
  date: '2023-10-02',
  content: 'Bồi dưỡng thường xuyên mô đun 4',
  form: 'tu-hoc',
  bdtxProgram: '03',
  module: 'GVPT 04',
  periods: 2,
  source: 'TEMIS',
  result: '',
  evidence: '',
  note: '',
  ...over,
});

export async function snapshot(db: LogbookDatabase) {
  const [profile, schoolYears, entries, reflections, outbox, meta] = await Promise.all([
    db.profile.toArray(),
    db.schoolYears.toArray(),
    db.entries.toArray(),
    db.reflections.toArray(),
    db.outbox.toArray(),
    db.meta.toArray(),
  ]);
  return { profile, schoolYears, entries, reflections, outbox, meta };
}
