import { useTranslation } from 'react-i18next';
import { schoolYearProblemField } from '../../../domain/schoolSettings.ts';
import { defaultSchoolYearDates, schoolYearLabel, validateSchoolYearDates, type SchoolYearDates } from '../../../domain/schoolYear.ts';
import { DateInput } from '../../ui/DateInput.tsx';

const FIELDS = ['hk1Start', 'hk1End', 'hk2Start', 'hk2End'] as const;

/** Error key of one date field of the `index`-th year, as the server names it in its issues. */
export function yearFieldKey(index: number, field: string): string {
  return `schoolYears.${index}.${field}`;
}

/**
 * Problems of the school's semester dates, by yearFieldKey, as i18n keys (the same rules as a
 * teacher's own dates: HK I before HK II, all inside the school year; one entry per year).
 */
export function schoolYearErrors(years: readonly SchoolYearDates[]): Record<string, string> {
  const errors: Record<string, string> = {};
  years.forEach((year, index) => {
    if (years.findIndex((y) => y.startYear === year.startYear) !== index) errors[yearFieldKey(index, 'startYear')] ??= 'admin.settings.duplicateYear';
    for (const problem of validateSchoolYearDates(year)) errors[yearFieldKey(index, schoolYearProblemField(problem, year))] ??= problem;
  });
  return errors;
}

/**
 * "Năm học và học kỳ" of the school settings: the semester dates of each school year the school sets.
 * Teachers' logbooks take these dates for those years (their own dates stay for the other years).
 */
export function SchoolYearsFields({
  id,
  years,
  errors,
  currentYear,
  onChange,
}: {
  id: string;
  years: SchoolYearDates[];
  /** Messages by yearFieldKey: i18n keys, or the server's own Vietnamese text. */
  errors: Record<string, string>;
  currentYear: number;
  onChange: (years: SchoolYearDates[]) => void;
}) {
  const { t } = useTranslation();
  const next = years.length > 0 ? Math.max(...years.map((y) => y.startYear)) + 1 : currentYear;
  return (
    <fieldset>
      <legend>{t('admin.settings.schoolYears')}</legend>
      <p className="field__hint">{t('admin.settings.schoolYearsHint')}</p>
      {years.length === 0 ? <p>{t('admin.settings.noSchoolYears')}</p> : null}
      {years.map((year, index) => {
        const label = schoolYearLabel(year.startYear);
        const yearError = errors[yearFieldKey(index, 'startYear')];
        return (
          <fieldset key={`${year.startYear}-${index}`} className="admin-year">
            <legend>{t('admin.settings.schoolYear', { label })}</legend>
            {yearError ? (
              <p className="field__error" role="alert">
                {t(yearError)}
              </p>
            ) : null}
            <div className="grid-2">
              {FIELDS.map((field) => {
                const inputId = `${id}-year-${index}-${field}`;
                const error = errors[yearFieldKey(index, field)];
                return (
                  <div className={error ? 'field field--invalid' : 'field'} key={field}>
                    <label htmlFor={inputId}>{t(`settings.${field}`)}</label>
                    <DateInput
                      id={inputId}
                      value={year[field]}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${inputId}-error` : undefined}
                      onChange={(event) => onChange(years.map((y, i) => (i === index ? { ...y, [field]: event.target.value } : y)))}
                    />
                    {error ? (
                      <p id={`${inputId}-error`} className="field__error">
                        {t(error)}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
            <button type="button" className="button button--secondary" aria-label={t('admin.settings.removeSchoolYearOf', { label })} onClick={() => onChange(years.filter((_, i) => i !== index))}>
              {t('admin.settings.removeSchoolYear')}
            </button>
          </fieldset>
        );
      })}
      <div className="admin-actions">
        <button type="button" className="button button--secondary" onClick={() => onChange([...years, defaultSchoolYearDates(next)])}>
          {t('admin.settings.addSchoolYear', { label: schoolYearLabel(next) })}
        </button>
      </div>
    </fieldset>
  );
}
