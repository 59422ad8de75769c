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
  // A lazy screen may already have added its own English messages (lazyMessages.ts): check the main ones.
  if (language === 'en' && i18next.getResource('en', 'translation', 'app.name') === undefined) {
    const { en } = await import('./en.ts');
    i18next.addResourceBundle('en', 'translation', en);
  }
  await i18next.changeLanguage(language);
}
