import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reflection } from '../../../domain/records.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { getReflection, saveReflection } from '../../db/reflections.ts';
import { Loading } from '../../ui/Loading.tsx';

interface Props {
  label: string;
  hint: string;
  kind: Reflection['kind'];
  period: string;
  /** The school year to read from; null when it does not exist yet (nothing written so far). */
  schoolYearId: string | null;
  /** Creates the school year on first save if needed. */
  resolveSchoolYearId: () => Promise<string>;
}

type Status = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: Date } | { state: 'error'; key: string };

const DEBOUNCE_MS = 800;

/**
 * Autosaves after a pause in typing, on blur, when the page is hidden and when the screen is left.
 * Saves run one after another so an older text never lands after a newer one. On failure the text
 * stays in the box and is retried at the next change or blur.
 */
export function ReflectionEditor({ label, hint, kind, period, schoolYearId, resolveSchoolYearId }: Props) {
  const { t } = useTranslation();
  const db = useDatabase();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);
  const resolveRef = useRef(resolveSchoolYearId);
  resolveRef.current = resolveSchoolYearId;

  useEffect(() => {
    let live = true;
    const load = schoolYearId ? getReflection(db, schoolYearId, kind, period) : Promise.resolve(undefined);
    load.then(
      (r) => live && setText(r?.text ?? ''),
      () => live && setText(''),
    );
    return () => {
      live = false;
    };
    // Loaded once per period: later live changes must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, kind, period]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === null) return queue.current;
    pending.current = null;
    if (mounted.current) setStatus({ state: 'saving' });
    queue.current = queue.current.then(async () => {
      try {
        const yearId = await resolveRef.current();
        await saveReflection(db, yearId, kind, period, value);
        if (mounted.current) setStatus({ state: 'saved', at: new Date() });
      } catch (err) {
        // Keep the unsaved text queued unless newer text has replaced it.
        pending.current ??= value;
        if (mounted.current) setStatus({ state: 'error', key: storageErrorKey(err) });
      }
    });
    return queue.current;
  }, [db, kind, period]);

  useEffect(() => {
    mounted.current = true;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      mounted.current = false;
      // Leaving the screen saves what was typed.
      void flush();
    };
  }, [flush]);

  if (text === null) return <Loading />;

  const statusText =
    status.state === 'saving' ? t('common.saving') : status.state === 'saved' ? t('common.savedAt', { time: status.at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }) }) : '';

  return (
    <div className="field reflection">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      <textarea
        id={id}
        rows={6}
        value={text}
        aria-describedby={`${id}-hint${status.state === 'error' ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setText(event.target.value);
          pending.current = event.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
        }}
        onBlur={() => void flush()}
      />
      <p className="field__status" role="status">
        {statusText}
      </p>
      {status.state === 'error' ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {t(status.key)}
        </p>
      ) : null}
    </div>
  );
}
