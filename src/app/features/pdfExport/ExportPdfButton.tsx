import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolYear } from '../../../domain/records.ts';
import type { SemesterCode } from '../../../domain/schoolYear.ts';
import { registerMessages } from '../../i18n/lazyMessages.ts';
import { pdfExportEn, pdfExportVi } from './messages.ts';

const ExportPdfDialog = lazy(() => import('./ExportPdfDialog.tsx').then((m) => ({ default: m.ExportPdfDialog })));

/** "Xuất PDF" on the semester screen; the dialog, the worker and the PDF engine load on the first click. */
export function ExportPdfButton({ year, semester }: { year: SchoolYear; semester: SemesterCode }) {
  registerMessages('pdfExport', pdfExportVi, pdfExportEn);
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('pdfExport.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ExportPdfDialog year={year} semester={semester} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
