import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';

/** First visit: nothing to show yet, so say what the app is for and offer the two first steps. */
export function Welcome() {
  const { t } = useTranslation();
  return (
    <section className="panel welcome">
      <h2>{t('home.welcomeTitle')}</h2>
      <p>{t('home.welcomeBody')}</p>
      <p className="actions">
        <Link to="/ghi" className="button button--primary">
          {t('home.firstEntry')}
        </Link>
        <Link to="/cai-dat" className="button button--secondary">
          {t('home.fillProfile')}
        </Link>
      </p>
    </section>
  );
}
