import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function NotFoundRoute() {
  const { t } = useTranslation();
  usePageTitle(t('layout.notFound'));
  return (
    <section className="panel">
      <h1>{t('layout.notFound')}</h1>
      <p>
        <Link to="/">{t('layout.backHome')}</Link>
      </p>
    </section>
  );
}
