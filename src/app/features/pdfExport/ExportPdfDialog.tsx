import { startTransition, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolYear } from '../../../domain/records.ts';
import type { SemesterCode } from '../../../domain/schoolYear.ts';
import { logbookFileName } from '../../../pdf/fileName.ts';
import { SECTION_KEYS, type ExportPeriod, type SectionKey } from '../../../pdf/types.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { formatBytes, todayIso } from '../../ui/format.ts';
import { PdfExportError, renderInWorker, type PdfJob } from './pdfWorkerClient.ts';
import type { PdfWorkerPhase } from './protocol.ts';
import './pdfExport.css';

type State =
  | { kind: 'idle'; error?: string }
  | { kind: 'running'; phase: PdfWorkerPhase; ratio: number }
  | { kind: 'done'; file: File; url: string }
  | { kind: 'cancelled' };

function saveFile(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Options, progress, cancel and the result of one export, in a native modal dialog. */
export function ExportPdfDialog({ year, semester, onClose }: { year: SchoolYear; semester: SemesterCode; onClose: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const job = useRef<PdfJob | null>(null);
  const [period, setPeriod] = useState<ExportPeriod>(semester);
  const [sections, setSections] = useState<SectionKey[]>([...SECTION_KEYS]);
  const [sheets, setSheets] = useState(true);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = state.kind === 'running';
  const doneUrl = state.kind === 'done' ? state.url : null;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => job.current?.cancel();
  }, []);
  useEffect(() => () => void (doneUrl && URL.revokeObjectURL(doneUrl)), [doneUrl]);

  const close = () => {
    job.current?.cancel();
    onClose();
  };

  async function start() {
    if (sections.length === 0) return;
    setState({ kind: 'running', phase: 'reading', ratio: 0 });
    try {
      const options = { period, sections, observations: sheets ? 'sheets' : 'list', signedOn: todayIso() } as const;
      // Progress renders as a transition: React may slice it and never holds the main thread for long.
      job.current = renderInWorker({ dbName: db.name, year, options }, (phase, ratio) => startTransition(() => setState({ kind: 'running', phase, ratio })));
      const { bytes, teacherName } = await job.current.result;
      const name = logbookFileName(teacherName, year.startYear, period);
      const file = new File([bytes as BlobPart], name, { type: 'application/pdf' });
      const url = URL.createObjectURL(file);
      saveFile(url, name);
      setState({ kind: 'done', file, url });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') setState({ kind: 'cancelled' });
      else if (error instanceof PdfExportError && error.loading) setState({ kind: 'idle', error: t('pdfExport.failedOffline') });
      else setState({ kind: 'idle', error: t('pdfExport.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      job.current = null;
    }
  }

  const toggle = (key: SectionKey, on: boolean) => setSections((list) => SECTION_KEYS.filter((k) => (k === key ? on : list.includes(k))));
  const canShare = state.kind === 'done' && typeof navigator.canShare === 'function' && navigator.canShare({ files: [state.file] });
  const percent = state.kind === 'running' ? Math.round(state.ratio * 100) : 0;

  return (
    <dialog
      ref={ref}
      className="dialog pdf-export"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('pdfExport.title')}
      </h2>
      <form
        className="dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <p className="field__hint">{t('pdfExport.intro')}</p>
        <fieldset className="pdf-export__group" disabled={running}>
          <legend>{t('pdfExport.period')}</legend>
          {(['HK1', 'HK2', 'year'] as const).map((p) => (
            <label key={p} className="pdf-export__choice">
              <input type="radio" name="period" value={p} checked={period === p} onChange={() => setPeriod(p)} /> {t(`pdfExport.periods.${p}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="pdf-export__group" disabled={running} aria-describedby={`${titleId}-sections`}>
          <legend>{t('pdfExport.sections')}</legend>
          <p id={`${titleId}-sections`} className={sections.length === 0 ? 'field__error' : 'field__hint'} role={sections.length === 0 ? 'alert' : undefined}>
            {sections.length === 0 ? t('pdfExport.noSection') : t('pdfExport.sectionsHint')}
          </p>
          {SECTION_KEYS.map((key) => (
            <label key={key} className="pdf-export__choice">
              <input type="checkbox" checked={sections.includes(key)} onChange={(event) => toggle(key, event.target.checked)} /> {t(`pdfExport.sectionNames.${key}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="pdf-export__group" disabled={running || !sections.includes('observations')}>
          <legend>{t('pdfExport.observations')}</legend>
          {(['sheets', 'list'] as const).map((mode) => (
            <label key={mode} className="pdf-export__choice">
              <input type="radio" name="observations" value={mode} checked={sheets === (mode === 'sheets')} onChange={() => setSheets(mode === 'sheets')} />{' '}
              {t(`pdfExport.observationModes.${mode}`)}
            </label>
          ))}
        </fieldset>

        <div aria-live="polite" className="pdf-export__status">
          {state.kind === 'running' && (
            <>
              <p>{state.phase === 'rendering' ? t('pdfExport.phases.rendering', { percent }) : t(`pdfExport.phases.${state.phase}`)}</p>
              <progress aria-label={t('pdfExport.progressLabel')} max={100} value={state.phase === 'rendering' ? percent : undefined} />
            </>
          )}
          {state.kind === 'done' && <p>{t('pdfExport.done', { name: state.file.name, size: formatBytes(state.file.size) })}</p>}
          {state.kind === 'cancelled' && <p>{t('pdfExport.cancelled')}</p>}
        </div>
        {state.kind === 'idle' && state.error && (
          <p className="field__error" role="alert">
            {state.error}
          </p>
        )}

        <div className="dialog__actions">
          {running ? (
            <button type="button" className="button button--secondary" onClick={() => job.current?.cancel()}>
              {t('pdfExport.cancel')}
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={close}>
              {t('pdfExport.close')}
            </button>
          )}
          {state.kind === 'done' && (
            <>
              <button type="button" className="button button--secondary" onClick={() => saveFile(state.url, state.file.name)}>
                {t('pdfExport.downloadAgain')}
              </button>
              {canShare && (
                <button type="button" className="button button--secondary" onClick={() => void navigator.share({ files: [state.file], title: state.file.name }).catch(() => undefined)}>
                  {t('pdfExport.share')}
                </button>
              )}
            </>
          )}
          <button type="submit" className="button button--primary" disabled={running || sections.length === 0}>
            {t('pdfExport.start')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
