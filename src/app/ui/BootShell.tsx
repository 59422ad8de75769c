import { useTranslation } from 'react-i18next';
import { Loading } from './Loading.tsx';

/** Painted at once while the router and the local database code arrive (they load in parallel). */
export function BootShell() {
  const { t } = useTranslation();
  return (
    <>
      <header className="app-header">
        <span className="brand">{t('app.name')}</span>
      </header>
      <main id="main">
        <Loading />
      </main>
    </>
  );
}
