import { useTranslation } from 'react-i18next';
import { skknEn, skknVi } from '../features/skkn/messages.ts';
import { SkknList } from '../features/skkn/SkknList.tsx';
import '../features/skkn/skkn.css';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useSchoolYear } from './useSchoolYear.ts';

/** /skkn: the teacher's SKKN drafts; a new one belongs to the current school year. */
export function SkknListRoute() {
  registerMessages('skkn', skknVi, skknEn);
  const { t } = useTranslation();
  const year = useSchoolYear();
  usePageTitle(t('skkn.listTitle'));
  return (
    <div className="page page--narrow">
      <h1>{t('skkn.listTitle')}</h1>
      {year ? <SkknList year={year} /> : <Loading />}
    </div>
  );
}
