import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];

/**
 * Vietnamese first and bundled; English, the second language chosen in settings, is loaded only when
 * used so the first screen stays small.
 */
export function initI18n(language: AppLanguage = 'vi') {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { vi: { translation: vi } },
      lng: 'vi',
      fallbackLng: 'vi',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (i18next.language !== language) void setLanguage(language);
  return i18next;
}

export async function setLanguage(language: AppLanguage): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en.ts');
    i18next.addResourceBundle('en', 'translation', en);
  }
  await i18next.changeLanguage(language);
}
