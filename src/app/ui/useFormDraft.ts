import { useCallback, useEffect, useRef } from 'react';
import { deleteDraft, saveDraft } from '../db/drafts.ts';
import type { LogbookDatabase } from '../db/database.ts';
import { onPageLeave } from './pageLeave.ts';

/**
 * A draft is written this long after the last keystroke, and never later than FORM_DRAFT_MAX_WAIT_MS
 * after the first unsaved one, even while typing goes on without a pause (an observer noting a lesson
 * may type for minutes): with the pagehide / hidden flush, a killed tab loses at most about a second
 * of typing (the entry and observation forms promise at most 2 s).
 */
export const FORM_DRAFT_DEBOUNCE_MS = 700;
export const FORM_DRAFT_MAX_WAIT_MS = 1000;

export interface FormDraft<T> {
  change(values: T): void;
  flush(): Promise<void>;
  /** Removes the draft; with done, nothing more is written for this form. */
  clear(options?: { done?: boolean }): Promise<void>;
}

/**
 * Keeps a form's unsaved input as a draft in meta (db/drafts.ts): after a pause in typing, when the
 * page is hidden or closed, before an update reloads the app, and when the screen is left. Values
 * equal to `base` remove the draft instead.
 */
export function useFormDraft<T>(db: LogbookDatabase, key: string, base: T | null, same: (a: T, b: T) => boolean): FormDraft<T> {
  const pending = useRef<T | null>(null);
  const pendingSince = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const done = useRef(false);
  const baseRef = useRef(base);
  baseRef.current = base;
  const sameRef = useRef(same);
  sameRef.current = same;

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const values = pending.current;
    const baseValues = baseRef.current;
    if (values === null || baseValues === null || done.current) return queue.current;
    pending.current = null;
    pendingSince.current = null;
    queue.current = queue.current.then(async () => {
      try {
        await (sameRef.current(values, baseValues) ? deleteDraft(db, key) : saveDraft(db, key, values));
      } catch {
        // Storage trouble: keep the values for the next try (the form still holds them).
        pending.current ??= values;
      }
    });
    return queue.current;
  }, [db, key]);

  const change = useCallback(
    (values: T) => {
      if (done.current) return;
      pending.current = values;
      const now = Date.now();
      pendingSince.current ??= now;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), Math.max(0, Math.min(FORM_DRAFT_DEBOUNCE_MS, FORM_DRAFT_MAX_WAIT_MS - (now - pendingSince.current))));
    },
    [flush],
  );

  const clear = useCallback(
    (options: { done?: boolean } = {}): Promise<void> => {
      clearTimeout(timer.current);
      pending.current = null;
      pendingSince.current = null;
      if (options.done) done.current = true;
      queue.current = queue.current.then(() => deleteDraft(db, key)).catch(() => {});
      return queue.current;
    },
    [db, key],
  );

  useEffect(() => {
    const stopListening = onPageLeave(flush);
    return () => {
      stopListening();
      void flush();
    };
  }, [flush]);

  return { change, flush, clear };
}
