import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each screen names itself in the tab and for screen readers announcing navigation. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const suffix = t('layout.titleSuffix');
  useEffect(() => {
    document.title = title === suffix ? suffix : `${title} · ${suffix}`;
  }, [title, suffix]);
}
