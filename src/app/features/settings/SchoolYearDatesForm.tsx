import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolYear } from '../../../domain/records.ts';
import { schoolYearLabel, validateSchoolYearDates } from '../../../domain/schoolYear.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { saveSchoolYearDates } from '../../db/schoolYears.ts';
import { useNotify } from '../../ui/Notices.tsx';
import { DateInput } from '../../ui/DateInput.tsx';

type DateField = 'hk1Start' | 'hk1End' | 'hk2Start' | 'hk2End';
const FIELDS: readonly DateField[] = ['hk1Start', 'hk1End', 'hk2Start', 'hk2End'];

/** Each date rule is shown next to the later date it constrains. */
const ERROR_FIELD: Record<string, DateField> = {
  'errors.hk1Order': 'hk1End',
  'errors.semesterOverlap': 'hk2Start',
  'errors.hk2Order': 'hk2End',
};

/** The four semester dates of one year; read-only when the school sets them (school settings). */
export function SchoolYearDatesForm({ year, setBySchool = false }: { year: SchoolYear; setBySchool?: boolean }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [dates, setDates] = useState<Record<DateField, string>>({ hk1Start: year.hk1Start, hk1End: year.hk1End, hk2Start: year.hk2Start, hk2End: year.hk2End });
  const [errors, setErrors] = useState<Partial<Record<DateField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const label = schoolYearLabel(year.startYear);
  const prefix = `year-${year.startYear}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (setBySchool) return;
    setFormError(null);
    const problems = validateSchoolYearDates({ startYear: year.startYear, ...dates });
    const found: Partial<Record<DateField, string>> = {};
    for (const key of FIELDS.some((f) => !dates[f]) ? ['errors.dateRequired'] : problems) {
      const field = ERROR_FIELD[key] ?? FIELDS.find((f) => !dates[f]) ?? 'hk1Start';
      found[field] ??= key;
    }
    setErrors(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`#${prefix}-${first}`)?.focus();
      return;
    }
    try {
      const result = await saveSchoolYearDates(db, year.id, dates);
      if (result.ok) notify({ message: t('settings.datesSaved', { label }) });
      else setFormError(result.errors.map((e) => t(e)).join(' '));
    } catch (err) {
      setFormError(t(storageErrorKey(err)));
    }
  }

  return (
    <form className="year-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('common.schoolYear', { label })}</legend>
        <div className="grid-2">
          {FIELDS.map((field) => {
            const id = `${prefix}-${field}`;
            const error = errors[field];
            return (
              <div className={error ? 'field field--invalid' : 'field'} key={field}>
                <label htmlFor={id}>{t(`settings.${field}`)}</label>
                <DateInput
                  id={id}
                  value={dates[field]}
                  readOnly={setBySchool}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(event) => {
                    const value = event.target.value;
                    setDates((d) => ({ ...d, [field]: value }));
                  }}
                />
                {error ? (
                  <p id={`${id}-error`} className="field__error">
                    {t(error)}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        {setBySchool ? (
          <p className="field__hint">{t('settings.datesBySchool')}</p>
        ) : (
          <button type="submit" className="button button--secondary">
            {t('settings.saveDates')}
          </button>
        )}
      </fieldset>
    </form>
  );
}
