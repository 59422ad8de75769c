import { getHTMLFromFragment, type Editor } from '@tiptap/core';
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { countHtmlWords } from '../../../domain/richTextBlocks.ts';
import { normalizeText } from '../../../domain/text.ts';
import type { LogbookDatabase } from '../../db/database.ts';
import { storageErrorKey } from '../../db/errors.ts';
import { saveSectionContent, snapshotSection } from '../../db/skkn.ts';
import { onPageLeave } from '../../ui/pageLeave.ts';

/** A save starts this long after the last keystroke… */
export const SAVE_DEBOUNCE_MS = 400;
/** …and never later than this after the first unsaved one, even while typing on (≤ 2 s lost if killed). */
export const SAVE_MAX_WAIT_MS = 900;
/** A pause this long in typing takes an automatic revision. */
export const SNAPSHOT_PAUSE_MS = 30_000;
/** While typing on, a revision at least this often. */
export const SNAPSHOT_EVERY_MS = 10 * 60_000;

/**
 * The editor's HTML, as editor.getHTML() gives it, and its word count (as sectionWords counts the
 * stored HTML), built from those of each top-level node kept per node: ProseMirror nodes are
 * immutable, so a save re-serialises and re-counts only the paragraphs that changed (a 30,000-word
 * section costs ~45 ms through getHTML, well under 1 ms this way).
 */
const nodeParts = new WeakMap<ProseMirrorNode, { html: string; words: number }>();
function part(editor: Editor, node: ProseMirrorNode): { html: string; words: number } {
  let found = nodeParts.get(node);
  if (found === undefined) {
    const html = normalizeText(getHTMLFromFragment(Fragment.from(node), editor.schema));
    found = { html, words: countHtmlWords(html) };
    nodeParts.set(node, found);
  }
  return found;
}
/** The section's HTML and words: its parts' (sectionParts.ts), one after another. */
function serialize(editors: readonly Editor[]): { html: string; words: number } {
  let html = '';
  let words = 0;
  for (const editor of editors) {
    editor.state.doc.forEach((node) => {
      const found = part(editor, node);
      html += found.html;
      words += found.words;
    });
  }
  return { html, words };
}

/**
 * Fills the per-node cache in idle moments after the section opens, a few paragraphs at a time, so
 * that the first save after the first keystroke does not serialise the whole section at once
 * (~100 ms for 30,000 words on a phone: a visible stall in typing). Returns the function that stops.
 */
function warmInIdleTime(editors: readonly Editor[], onDone: (serialized: { html: string; words: number }) => void): () => void {
  let stopped = false;
  let handle: number | ReturnType<typeof setTimeout> | undefined;
  const idle = typeof requestIdleCallback === 'function';
  // Slices of at most 4 ms, even when the browser offers a 50 ms idle period: a key pressed meanwhile
  // waits for the slice to end. Safari has no requestIdleCallback: slices between timer ticks.
  const schedule = (run: (timeLeft: () => number) => void) => {
    const slice = (left: () => number) => {
      const end = performance.now() + 4;
      run(() => Math.min(left(), end - performance.now()));
    };
    // A short timeout: on a busy phone idle periods are rare, and the warm-up should be done before
    // the first save (typing often starts at once).
    if (idle) handle = requestIdleCallback((deadline) => slice(() => (deadline.didTimeout ? 4 : deadline.timeRemaining())), { timeout: 16 });
    else handle = setTimeout(() => slice(() => Infinity), 16);
  };
  const step = (timeLeft: () => number) => {
    if (stopped || editors.some((editor) => editor.isDestroyed)) return;
    let pending = false;
    for (const editor of editors) {
      editor.state.doc.forEach((node) => {
        if (pending || nodeParts.has(node)) return;
        if (timeLeft() < 1) pending = true;
        else part(editor, node);
      });
    }
    if (pending) schedule(step);
    else onDone(serialize(editors));
  };
  schedule(step);
  return () => {
    stopped = true;
    if (handle === undefined) return;
    if (idle) cancelIdleCallback(handle as number);
    else clearTimeout(handle);
  };
}

export type SaveState = { state: 'saved' } | { state: 'dirty' } | { state: 'saving' } | { state: 'error'; key: string };

export interface SectionAutosave {
  /** The save state, for useSaveStatus (a change re-renders only what shows it). */
  status: StatusStore;
  /**
   * Whether a stored text may replace the editor's: nothing typed is waiting, and it is not one of
   * the texts this editor wrote itself (a live query can still show an older save of ours).
   */
  isExternal: (content: string) => boolean;
  /** Puts a stored text into the editor (sync, restore, conflict resolution) without saving it back. */
  reload: (content: string) => void;
  flush: () => Promise<void>;
}

/** The save state outside React state: typing and saving re-render only the status line. */
export interface StatusStore {
  get(): SaveState;
  subscribe(listener: () => void): () => void;
}

function createStatusStore(): StatusStore & { set(next: SaveState): void } {
  let value: SaveState = { state: 'saved' };
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
  };
}

export function useSaveStatus(store: StatusStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * Saves a section's editor into IndexedDB: the HTML is read from the editor only when a save runs
 * (never per keystroke, which would slow typing in a long section); saves run one after another so an
 * older text never lands after a newer one. Also on pagehide, visibilitychange → hidden, before an
 * app update, and when the section is closed. Revisions: after a pause and at least every 10 minutes.
 */
export function useSectionAutosave(
  db: LogbookDatabase,
  /** The section's editors, one per part, in order (null until they are all ready). */
  editors: readonly Editor[] | null,
  sectionId: string,
  initial: string,
  onSaved?: () => void,
  /** The section's word count and text once known after opening, then at each save (counted per changed paragraph). */
  onWords?: (words: number, html: string) => void,
  /** Puts a stored text into the editors in place of theirs (for a section in parts: new parts). */
  replace?: (content: string) => void,
): SectionAutosave {
  const [status] = useState(createStatusStore);
  const statusRef = useRef<SaveState['state']>('saved');
  const own = useRef<string[]>([initial]);
  const markOwn = useCallback((content: string) => {
    own.current = [content, ...own.current.filter((c) => c !== content)].slice(0, 8);
  }, []);
  const dirtySince = useRef<number | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pauseTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSnapshot = useRef(Date.now());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const onWordsRef = useRef(onWords);
  onWordsRef.current = onWords;
  // Read when a save runs, so that new parts (a reloaded long section) do not make a new flush, whose
  // change would count as closing the section (a revision).
  const editorsRef = useRef(editors);
  editorsRef.current = editors;

  // Only transitions notify, and only the status line listens: typing itself never touches React state.
  const setStatus = useCallback((next: SaveState) => {
    if (statusRef.current === next.state && next.state !== 'error') return;
    statusRef.current = next.state;
    status.set(next);
  }, [status]);

  const snapshot = useCallback(() => {
    lastSnapshot.current = Date.now();
    queue.current = queue.current.then(() => snapshotSection(db, sectionId).then(() => undefined)).catch(() => {});
    return queue.current;
  }, [db, sectionId]);

  const flush = useCallback((): Promise<void> => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const editors = editorsRef.current;
    if (!editors || dirtySince.current === null) return queue.current;
    let html: string;
    let words: number;
    const started = performance.now();
    try {
      // Still readable while the editor is being torn down (closing the section saves it last).
      ({ html, words } = serialize(editors));
    } catch {
      return queue.current;
    }
    // Timings in the performance timeline (DevTools, `npm run bench -- skkn`); nothing reads them in the app.
    performance.measure('sbd:skkn-serialize', { start: started, end: performance.now() });
    // Before the write: the stored text then arrives on the draft screen already counted.
    onWordsRef.current?.(words, html);
    dirtySince.current = null;
    setStatus({ state: 'saving' });
    queue.current = queue.current.then(async () => {
      try {
        const writeStart = performance.now();
        await saveSectionContent(db, sectionId, html);
        performance.measure('sbd:skkn-save', { start: writeStart, end: performance.now() });
        markOwn(html);
        if (dirtySince.current === null) setStatus({ state: 'saved' });
        onSavedRef.current?.();
        if (Date.now() - lastSnapshot.current >= SNAPSHOT_EVERY_MS) {
          lastSnapshot.current = Date.now();
          await snapshotSection(db, sectionId);
        }
      } catch (error) {
        // The text stays in the editor; the next change (or the retry below) saves it.
        dirtySince.current ??= Date.now();
        setStatus({ state: 'error', key: storageErrorKey(error) });
        clearTimeout(saveTimer.current);
        saveTimer.current = setTimeout(() => void flush(), 3_000);
      }
    });
    return queue.current;
  }, [db, sectionId, setStatus, markOwn]);

  useEffect(() => {
    if (!editors) return;
    return warmInIdleTime(editors, ({ html, words }) => onWordsRef.current?.(words, html));
  }, [editors]);

  useEffect(() => {
    if (!editors) return;
    const onUpdate = () => {
      const now = Date.now();
      dirtySince.current ??= now;
      if (statusRef.current !== 'error') setStatus({ state: 'dirty' });
      clearTimeout(saveTimer.current);
      const wait = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, SAVE_MAX_WAIT_MS - (now - dirtySince.current)));
      saveTimer.current = setTimeout(() => void flush(), wait);
      clearTimeout(pauseTimer.current);
      pauseTimer.current = setTimeout(() => void flush().then(snapshot), SNAPSHOT_PAUSE_MS);
    };
    for (const editor of editors) editor.on('update', onUpdate);
    return () => {
      for (const editor of editors) editor.off('update', onUpdate);
    };
  }, [editors, flush, setStatus, snapshot]);

  useEffect(() => {
    const stopListening = onPageLeave(flush);
    return () => {
      stopListening();
      clearTimeout(pauseTimer.current);
      // Closing the section (another section, another screen) saves and keeps a revision of it.
      void flush().then(snapshot);
    };
  }, [flush, snapshot]);

  const isExternal = useCallback((content: string) => dirtySince.current === null && !own.current.includes(content), []);
  const replaceRef = useRef(replace);
  replaceRef.current = replace;
  const reload = useCallback(
    (content: string) => {
      markOwn(content);
      if (replaceRef.current) replaceRef.current(content);
      else if (editors?.length === 1 && !editors[0]!.isDestroyed) editors[0]!.commands.setContent(content, { emitUpdate: false });
    },
    [editors, markOwn],
  );
  return { status, isExternal, reload, flush };
}
