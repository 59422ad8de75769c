import { useCallback, useEffect, useRef } from 'react';
import { deleteDraft, saveDraft } from '../../db/drafts.ts';
import type { LogbookDatabase } from '../../db/database.ts';
import { ENTRY_FIELDS, type EntryFormValues } from './entryFormValues.ts';

/** A draft is written at most this long after the last keystroke. */
export const DRAFT_DEBOUNCE_MS = 800;
/** Fired by the PWA update prompt before it reloads (src/app/features/pwa/beforeUpdate.ts). */
const BEFORE_UPDATE_EVENT = 'sbd:before-update';

const sameValues = (a: EntryFormValues, b: EntryFormValues) => ENTRY_FIELDS.every((field) => a[field] === b[field]);

export interface EntryDraft {
  /** The form's values changed (typing). */
  change(values: EntryFormValues): void;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  /** Removes the draft (saved, deleted or discarded). With done, nothing more is written for this form. */
  clear(options?: { done?: boolean }): Promise<void>;
}

/**
 * Keeps the entry form's unsaved input as a draft (meta key draftKey): after a pause in typing, when
 * the page is hidden or closed, before an update reloads the app, and when the screen is left. Input
 * equal to the stored entry (or the new-entry defaults), `base`, removes the draft instead.
 */
export function useEntryDraft(db: LogbookDatabase, draftKey: string, base: EntryFormValues | null): EntryDraft {
  const pending = useRef<EntryFormValues | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const done = useRef(false);
  const baseRef = useRef(base);
  baseRef.current = base;

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const values = pending.current;
    const baseValues = baseRef.current;
    if (values === null || baseValues === null || done.current) return queue.current;
    pending.current = null;
    queue.current = queue.current.then(async () => {
      try {
        await (sameValues(values, baseValues) ? deleteDraft(db, draftKey) : saveDraft(db, draftKey, values));
      } catch {
        // Storage trouble: keep the values for the next try (the form itself still holds them).
        pending.current ??= values;
      }
    });
    return queue.current;
  }, [db, draftKey]);

  const change = useCallback(
    (values: EntryFormValues) => {
      if (done.current) return;
      pending.current = values;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
    },
    [flush],
  );

  const clear = useCallback(
    (options: { done?: boolean } = {}): Promise<void> => {
      clearTimeout(timer.current);
      pending.current = null;
      if (options.done) done.current = true;
      queue.current = queue.current.then(() => deleteDraft(db, draftKey)).catch(() => {});
      return queue.current;
    },
    [db, draftKey],
  );

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    const onBeforeUpdate = (event: Event) => {
      const detail = (event as CustomEvent<{ waitUntil?: (promise: Promise<unknown>) => void } | null>).detail;
      const saved = flush();
      detail?.waitUntil?.(saved);
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener(BEFORE_UPDATE_EVENT, onBeforeUpdate);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener(BEFORE_UPDATE_EVENT, onBeforeUpdate);
      // Leaving the screen without saving keeps what was typed for next time.
      void flush();
    };
  }, [flush]);

  return { change, flush, clear };
}
