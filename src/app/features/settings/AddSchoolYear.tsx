import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { ensureSchoolYearNow } from '../../db/schoolYears.ts';
import { useNotify } from '../../ui/Notices.tsx';

export function AddSchoolYear({ suggested }: { suggested: number }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  // The suggestion follows the stored years until the teacher types her own.
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed ?? String(suggested);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startYear = Number(value.trim());
    if (!Number.isInteger(startYear) || startYear < 2000 || startYear > 2099) {
      setError(t('settings.yearInvalid'));
      return;
    }
    setError(null);
    try {
      const { created } = await ensureSchoolYearNow(db, startYear);
      const label = schoolYearLabel(startYear);
      notify({ message: created ? t('settings.yearAdded', { label }) : t('settings.yearExists', { label }) });
      setTyped(null);
    } catch (err) {
      setError(t(storageErrorKey(err)));
    }
  }

  return (
    <form className="add-year" onSubmit={submit} noValidate>
      <div className={error ? 'field field--invalid' : 'field'}>
        <label htmlFor="new-school-year">{t('settings.newYear')}</label>
        <input
          id="new-school-year"
          type="text"
          inputMode="numeric"
          value={value}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'new-school-year-error' : undefined}
        />
        {error ? (
          <p id="new-school-year-error" className="field__error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--secondary">
        {t('settings.addYear')}
      </button>
    </form>
  );
}
