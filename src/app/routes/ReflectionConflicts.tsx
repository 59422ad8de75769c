import { useLiveQuery } from 'dexie-react-hooks';
import type { Reflection } from '../../domain/records.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { getReflection } from '../db/reflections.ts';
import { RecordConflicts } from '../ui/RecordConflicts.tsx';

/** The conflict notice of one month or semester reflection (found by year, kind and period). */
export function ReflectionConflicts({ schoolYearId, kind, period, onRecordChanged }: { schoolYearId: string | null; kind: Reflection['kind']; period: string; onRecordChanged: () => void }) {
  const db = useDatabase();
  const reflection = useLiveQuery(async () => (schoolYearId ? ((await getReflection(db, schoolYearId, kind, period)) ?? null) : null), [db, schoolYearId, kind, period]);
  return <RecordConflicts table="reflections" recordId={reflection?.id} onRecordChanged={onRecordChanged} />;
}
