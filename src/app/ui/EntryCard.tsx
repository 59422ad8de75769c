import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { TRAINING_FORMS } from '../../domain/catalogs/trainingForms.ts';
import type { Entry } from '../../domain/records.ts';
import { formatDate, formatPeriods, localized, preview } from './format.ts';

/** One entry in any list. Text is rendered as text only, so HTML typed by the teacher stays harmless. */
export function EntryCard({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const form = TRAINING_FORMS.find((f) => f.code === entry.form);
  const program = entry.bdtxProgram ? t('common.program', { code: entry.bdtxProgram }) : t('common.notBdtx');
  return (
    <article className="entry-card">
      <p className="entry-card__meta">
        <time dateTime={entry.date}>{formatDate(entry.date)}</time>
        <span className="entry-card__periods">{t('common.periods', { value: formatPeriods(entry.periods) })}</span>
      </p>
      <Link className="entry-card__link" to={`/ghi/${entry.id}`}>
        {preview(entry.content)}
      </Link>
      <p className="entry-card__tags">
        {form ? <span>{localized(form.label)}</span> : null}
        <span>{program}</span>
        {entry.module ? <span>{entry.module}</span> : null}
      </p>
    </article>
  );
}
