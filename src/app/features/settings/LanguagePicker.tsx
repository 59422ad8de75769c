import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { setMeta } from '../../db/meta.ts';
import { setLanguage } from '../../i18n/i18n.ts';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const current = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <div className="field">
      <label htmlFor="language">{t('settings.languageLabel')}</label>
      <select
        id="language"
        value={current}
        onChange={(event) => {
          const lang = event.target.value === 'en' ? 'en' : 'vi';
          // localStorage is read synchronously at start-up; meta keeps it with the device's data.
          localStorage.setItem('lang', lang);
          void setLanguage(lang);
          void setMeta(db, 'language', lang).catch(() => {});
        }}
      >
        <option value="vi" lang="vi">
          Tiếng Việt
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </div>
  );
}
