import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import type { Skkn } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { sectionsOf } from '../../db/skkn.ts';
import { useNotify } from '../../ui/Notices.tsx';
import type { SkknExportInput } from '../../../pdf/skknDocx.ts';
import type { SkknPdfMessage } from './skknPdf.worker.ts';

const GOVERNING_BODY_KEY = 'skkn.governingBody';

/** The PDF in a worker of its own (skknPdf.worker.ts), ended when done. */
function renderPdfInWorker(input: SkknExportInput): Promise<Uint8Array> {
  const worker = new Worker(new URL('./skknPdf.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<SkknPdfMessage>) => {
      worker.terminate();
      if (event.data.type === 'done') resolve(new Uint8Array(event.data.bytes));
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'worker'));
    };
    worker.postMessage(input);
  });
}

/** Saves bytes as a file through a temporary link; works offline and in installed PWAs. */
function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export to .docx: the exporter (and the docx library) load only when the teacher asks for a file. */
export function ExportPanel({ skkn, beforeExport }: { skkn: Skkn; beforeExport: () => Promise<void> }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const id = useId();
  const [working, setWorking] = useState<'docx' | 'pdf' | null>(null);
  const [governingBody, setGoverningBody] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Device-local, like the other remembered form choices (meta is neither synced nor backed up).
    void db.meta.get(GOVERNING_BODY_KEY).then((row) => live && setGoverningBody(typeof row?.value === 'string' ? row.value : ''));
    return () => {
      live = false;
    };
  }, [db]);

  const run = async (format: 'docx' | 'pdf') => {
    setWorking(format);
    try {
      await beforeExport();
      await db.meta.put({ key: GOVERNING_BODY_KEY, value: governingBody ?? '' });
      const [{ exportSkknDocx, skknFileName }, sections, year] = await Promise.all([import('../../../pdf/skknDocx.ts'), sectionsOf(db, skkn.id), db.schoolYears.get(skkn.schoolYearId)]);
      const now = new Date();
      const input: SkknExportInput = {
        skkn,
        contents: new Map(sections.map((s) => [s.id, s.content])),
        schoolYearLabel: year ? schoolYearLabel(year.startYear) : skkn.schoolYearId,
        dateLine: `tháng ${now.getMonth() + 1} năm ${now.getFullYear()}`,
        governingBody: governingBody ?? '',
      };
      const name = skknFileName(skkn.title, format);
      if (format === 'docx') downloadBytes(name, await exportSkknDocx(input), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      else downloadBytes(name, await renderPdfInWorker(input), 'application/pdf');
      notify({ message: t('skkn.export.done', { name }) });
    } catch (error) {
      notify({ message: t('skkn.export.failed', { message: error instanceof Error ? error.message : String(error) }), tone: 'error' });
    } finally {
      setWorking(null);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('skkn.export.title')}</h2>
      <p>{t('skkn.export.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('skkn.export.governingBody')}</label>
        <p id={`${id}-hint`} className="field__hint">
          {t('skkn.export.governingBodyHint')}
        </p>
        <input id={`${id}-body`} aria-describedby={`${id}-hint`} value={governingBody ?? ''} maxLength={200} onChange={(e) => setGoverningBody(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" disabled={working !== null} onClick={() => void run('docx')}>
          {working === 'docx' ? t('skkn.export.working') : t('skkn.export.docx')}
        </button>
        <button type="button" className="button button--secondary" disabled={working !== null} onClick={() => void run('pdf')}>
          {working === 'pdf' ? t('skkn.export.working') : t('skkn.export.pdf')}
        </button>
      </div>
      <p className="field__hint">{t('skkn.export.tocNote')}</p>
    </section>
  );
}
