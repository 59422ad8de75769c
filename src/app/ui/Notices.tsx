import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface NoticeInput {
  message: string;
  tone?: 'info' | 'error';
  action?: { label: string; run: () => void };
}
interface Notice extends NoticeInput {
  id: number;
}

interface NoticeApi {
  notify: (notice: NoticeInput) => void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => {} });
const NoticeStateContext = createContext<{ notice: Notice | null; dismiss: () => void }>({ notice: null, dismiss: () => {} });

/**
 * Notices outlive the screen that raised them ("Đã lưu" is shown after going back), so they live in
 * the layout. One at a time: a newer notice replaces the older one.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const nextId = useRef(1);
  const notify = useCallback((input: NoticeInput) => setNotice({ ...input, id: nextId.current++ }), []);
  const dismiss = useCallback(() => setNotice(null), []);
  const api = useMemo(() => ({ notify }), [notify]);
  const state = useMemo(() => ({ notice, dismiss }), [notice, dismiss]);
  return (
    <NoticeContext.Provider value={api}>
      <NoticeStateContext.Provider value={state}>{children}</NoticeStateContext.Provider>
    </NoticeContext.Provider>
  );
}

export function useNotify(): NoticeApi['notify'] {
  return useContext(NoticeContext).notify;
}

/** The live region exists before any notice so screen readers announce what appears in it. */
export function NoticeRegion() {
  const { t } = useTranslation();
  const { notice, dismiss } = useContext(NoticeStateContext);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (!notice || paused) return;
    // Undo needs time to be reached; plain confirmations can go sooner.
    const timer = setTimeout(dismiss, notice.action ? 10_000 : 5_000);
    return () => clearTimeout(timer);
  }, [notice, paused, dismiss]);

  return (
    <div className="notice-region" role="status" aria-live="polite" onFocus={() => setPaused(true)} onBlur={() => setPaused(false)}>
      {notice ? (
        <div key={notice.id} className={`notice notice--${notice.tone ?? 'info'}`}>
          <span className="notice__message">{notice.message}</span>
          {notice.action ? (
            <button
              type="button"
              className="button button--light"
              onClick={() => {
                notice.action?.run();
                dismiss();
              }}
            >
              {notice.action.label}
            </button>
          ) : null}
          <button type="button" className="button button--icon notice__close" onClick={dismiss} aria-label={t('layout.close')}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
