import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Shown instead of a screen that failed to render or load (e.g. a chunk missing offline). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (error) console.error(error);
  return (
    <section className="panel error-panel" role="alert">
      <h1>{t('layout.errorTitle')}</h1>
      <p>{t('layout.errorBody')}</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('layout.reload')}
        </button>
        <a className="button button--secondary" href="/">
          {t('layout.backHome')}
        </a>
      </p>
    </section>
  );
}
