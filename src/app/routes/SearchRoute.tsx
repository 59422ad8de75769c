import { useTranslation } from 'react-i18next';
import { SearchPanel } from '../features/search/SearchPanel.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function SearchRoute() {
  const { t } = useTranslation();
  usePageTitle(t('search.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('search.title')}</h1>
      <SearchPanel />
    </div>
  );
}
