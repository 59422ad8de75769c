import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, AnnotationTargetTable } from '../../../domain/annotations.ts';
import { annotationsOfTarget, markRead, type AnnotationPlace } from '../../db/annotations.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { groupThreads, type Thread } from './threads.ts';

/** Live threads of one record, in its logbook (own or foreign). Undefined while loading. */
export function useTargetThreads(place: AnnotationPlace, targetTable: AnnotationTargetTable, targetId: string): { annotations: Annotation[]; threads: Thread[] } | undefined {
  const db = useDatabase();
  const scopeKey = place.kind === 'own' ? '' : place.scopeId;
  const annotations = useLiveQuery(() => annotationsOfTarget(db, place, targetTable, targetId), [db, scopeKey, targetTable, targetId]);
  return useMemo(() => (annotations ? { annotations, threads: groupThreads(annotations) } : undefined), [annotations]);
}

/**
 * Opening a record marks the given annotations by others read (synced, so every device of hers clears
 * the badge): on her own logbook every note on it, on a mentee's the replies to her notes (repliesTo).
 * Returns those that were unread, to keep them highlighted on this visit; annotations arriving while
 * the screen is open are highlighted and marked too. `sync: false` keeps the marks on this device
 * (a reader without a logbook of her own).
 */
export function useMarkReadOnOpen(annotations: readonly Annotation[] | undefined, userId: string | null, enabled: boolean, sync = true): ReadonlySet<string> {
  const db = useDatabase();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const seen = useRef(new Set<string>());
  // Per mount, not per effect run: a new annotations array must not drop the highlight of a read in flight.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!enabled || !annotations) return;
    const candidates = annotations.filter((a) => a.authorUserId !== userId && !seen.current.has(a.id));
    if (candidates.length === 0) return;
    for (const a of candidates) seen.current.add(a.id);
    void db.annotationReads.bulkGet(candidates.map((a) => a.id)).then(async (reads) => {
      const unread = candidates.filter((_, i) => !reads[i]).map((a) => a.id);
      if (unread.length === 0) return;
      if (mounted.current) setFresh((previous) => new Set([...previous, ...unread]));
      await markRead(db, unread, sync).catch(() => {
        // Not marked: the badge stays and the next visit tries again.
        for (const id of unread) seen.current.delete(id);
      });
    });
  }, [db, annotations, userId, enabled, sync]);
  return fresh;
}
