import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { contributionTotal, recognitionWindow, SKKN_STATUSES, type Skkn } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { updateSkkn, type SkknPatch } from '../../db/skkn.ts';
import { Field } from '../../ui/Field.tsx';
import { formatDate, todayIso } from '../../ui/format.ts';
import { DateInput } from '../../ui/DateInput.tsx';

type CoverValues = Pick<Skkn, 'title' | 'authors' | 'position' | 'department' | 'unit' | 'field' | 'firstAppliedOn' | 'innovationTopicId' | 'status'>;

const SAVE_DELAY_MS = 600;

function coverOf(skkn: Skkn): CoverValues {
  const { title, authors, position, department, unit, field, firstAppliedOn, innovationTopicId, status } = skkn;
  return { title, authors, position, department, unit, field, firstAppliedOn, innovationTopicId, status };
}

/** The cover fields, saved as they are typed (short debounce; also when the form closes). */
export function CoverForm({ skkn }: { skkn: Skkn }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [values, setValues] = useState<CoverValues>(() => coverOf(skkn));
  const [state, setState] = useState<'saved' | 'saving' | { error: string }>('saved');
  const pending = useRef<SkknPatch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const topics = useLiveQuery(() => db.innovationTopics.toArray(), [db]);
  const years = useLiveQuery(() => db.schoolYears.toArray(), [db]);
  const year = years?.find((y) => y.id === skkn.schoolYearId);

  const save = useRef<() => void>(() => {});
  save.current = () => {
    clearTimeout(timer.current);
    const patch = pending.current;
    if (!patch) return;
    pending.current = null;
    setState('saving');
    updateSkkn(db, skkn.id, patch).then(
      () => setState('saved'),
      (error: unknown) => setState({ error: t(storageErrorKey(error)) }),
    );
  };
  useEffect(() => () => save.current(), []);

  const change = (patch: Partial<CoverValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    pending.current = { ...pending.current, ...patch };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => save.current(), SAVE_DELAY_MS);
  };
  const text = (key: 'title' | 'position' | 'department' | 'unit' | 'field', hint?: string) => (
    <Field id={`skkn-${key}`} label={t(`skkn.cover.${key}`)} hint={hint} error={key === 'title' && values.title.trim() === '' ? t('skkn.titleRequired') : undefined}>
      <input value={values[key]} maxLength={500} onChange={(e) => change({ [key]: e.target.value })} onBlur={() => save.current()} />
    </Field>
  );
  const total = contributionTotal(values.authors);
  const recognition = recognitionWindow(values.firstAppliedOn, todayIso());

  return (
    <form className="skkn-cover" onSubmit={(e) => e.preventDefault()} aria-label={t('skkn.tabs.cover')}>
      {text('title')}
      <fieldset className="skkn-authors">
        <legend>{t('skkn.cover.authors')}</legend>
        {values.authors.map((author, index) => (
          <div className="field-row" key={index}>
            <Field id={`skkn-author-${index}`} label={t('skkn.cover.authorName', { n: index + 1 })}>
              <input
                value={author.name}
                maxLength={500}
                onChange={(e) => change({ authors: values.authors.map((a, k) => (k === index ? { ...a, name: e.target.value } : a)) })}
                onBlur={() => save.current()}
              />
            </Field>
            <Field id={`skkn-contribution-${index}`} label={t('skkn.cover.contribution', { n: index + 1 })}>
              <input
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                value={author.contributionPercent}
                onChange={(e) => change({ authors: values.authors.map((a, k) => (k === index ? { ...a, contributionPercent: Math.min(100, Math.max(0, Number(e.target.value) || 0)) } : a)) })}
                onBlur={() => save.current()}
              />
            </Field>
            {values.authors.length > 1 ? (
              <button type="button" className="button button--danger-outline" onClick={() => change({ authors: values.authors.filter((_, k) => k !== index) })}>
                {t('skkn.cover.removeAuthor', { n: index + 1 })}
              </button>
            ) : null}
          </div>
        ))}
        {total !== 100 ? (
          <p className="field__error" role="alert">
            {t('skkn.cover.contributionTotal', { total })}
          </p>
        ) : null}
        {values.authors.length < 10 ? (
          <button type="button" className="button button--secondary" onClick={() => change({ authors: [...values.authors, { name: '', contributionPercent: 0 }] })}>
            {t('skkn.cover.addAuthor')}
          </button>
        ) : null}
      </fieldset>
      {text('position')}
      {text('department')}
      {text('unit')}
      {text('field', t('skkn.cover.fieldHint'))}
      <p>{year ? t('skkn.cover.schoolYear', { label: schoolYearLabel(year.startYear) }) : null}</p>
      <Field
        id="skkn-first-applied"
        label={t('skkn.cover.firstApplied')}
        hint={t('skkn.cover.firstAppliedHint')}
        extra={
          recognition.state === 'none' ? null : (
            <p className={recognition.state === 'open' ? 'field__hint' : 'field__error'} role={recognition.state === 'open' ? undefined : 'alert'}>
              {t(`skkn.cover.window${recognition.state === 'open' ? 'Open' : recognition.state === 'closing' ? 'Closing' : 'Closed'}`, { date: formatDate(recognition.deadline), days: recognition.daysLeft })}
            </p>
          )
        }
      >
        <DateInput value={values.firstAppliedOn ?? ''} onChange={(e) => change({ firstAppliedOn: e.target.value || null })} />
      </Field>
      <Field id="skkn-topic" label={t('skkn.cover.topic')}>
        <select value={values.innovationTopicId ?? ''} onChange={(e) => change({ innovationTopicId: e.target.value || null })}>
          <option value="">{t('skkn.cover.topicNone')}</option>
          {(topics ?? []).map((topic) => {
            const topicYear = years?.find((y) => y.id === topic.schoolYearId);
            return (
              <option key={topic.id} value={topic.id}>
                {t('skkn.cover.topicOf', { title: topic.title || '…', year: topicYear ? schoolYearLabel(topicYear.startYear) : topic.schoolYearId })}
              </option>
            );
          })}
        </select>
      </Field>
      <Field id="skkn-status" label={t('skkn.statusLabel')}>
        <select value={values.status} onChange={(e) => change({ status: e.target.value as Skkn['status'] })}>
          {SKKN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`skkn.status.${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <p className={typeof state === 'object' ? 'field__error' : 'field__status'} role="status">
        {state === 'saved' ? t('skkn.cover.saved') : state === 'saving' ? t('skkn.cover.saving') : t('skkn.cover.saveFailed', { message: state.error })}
      </p>
    </form>
  );
}
