import { useTranslation } from 'react-i18next';
import { InspectionScreen } from '../features/inspection/InspectionScreen.tsx';
import { inspectionEn, inspectionVi } from '../features/inspection/messages.ts';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** /kiem-tra — the leaders' semester overview. */
export function InspectionRoute() {
  registerMessages('inspection', inspectionVi, inspectionEn);
  const { t } = useTranslation();
  usePageTitle(t('inspection.title'));
  return (
    <div className="page">
      <h1>{t('inspection.title')}</h1>
      <InspectionScreen />
    </div>
  );
}
