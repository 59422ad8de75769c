import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OBSERVATION_PURPOSE_LABELS } from '../../../domain/catalogs/observationPurposes.ts';
import { findRubric } from '../../../domain/catalogs/rubrics.ts';
import type { RatingThresholds } from '../../../domain/observationRules.ts';
import type { ObservationInput } from '../../../domain/observations.ts';
import type { DirectoryUser } from '../../../domain/schoolSettings.ts';
import { newId } from '../../db/ids.ts';
import { Field } from '../../ui/Field.tsx';
import { localized } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';
import type { ObservationFormValues } from './observationFormValues.ts';
import { RubricFields } from './RubricFields.tsx';
import { TimelineEditor, TimelineRowForms, type RowField } from './TimelineEditor.tsx';
import { SaveDeleteActions } from '../../ui/SaveDeleteActions.tsx';
import { DateInput } from '../../ui/DateInput.tsx';

export type ObservationErrors = Partial<Record<keyof ObservationInput, string>>;

interface Props {
  initial: ObservationFormValues;
  /** Colleagues of the school (synced school context); empty before the first sync. */
  directory: readonly DirectoryUser[];
  thresholds: RatingThresholds;
  onSubmit: (values: ObservationFormValues) => Promise<ObservationErrors | null>;
  onChange?: (values: ObservationFormValues) => void;
  onDelete?: () => void;
  saveError: string | null;
}

const FIELD_ORDER = ['date', 'lessonPeriod', 'className', 'subject', 'lessonTitle', 'teacherName', 'observers', 'purpose', 'timeline'] as const;
const TEXTAREAS = ['strengths', 'weaknesses', 'lessonsLearned'] as const;

function clockNow(): string {
  const now = new Date();
  return `${now.getHours()}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/**
 * The observation form, built for capture on a phone during the lesson: the lesson's header fields,
 * the timeline (one tap adds a row stamped with the current time and focuses its activity), the
 * rubric's criteria, and the closing remarks.
 */
export function ObservationForm({ initial, directory, thresholds, onSubmit, onChange, onDelete, saveError }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  // What the form shows; `latest` is what was typed, the source for saving and the draft. The two
  // differ only by the text typed into timeline rows since the last render: the rows keep their own
  // text, so a keystroke in a note re-renders nothing (the time box re-renders for its order flag).
  const [values, setValues] = useState(initial);
  const latest = useRef(initial);
  const [errors, setErrors] = useState<ObservationErrors>({});
  const [busy, setBusy] = useState(false);
  const [focusRowId, setFocusRowId] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const update = useCallback((change: (v: ObservationFormValues) => ObservationFormValues) => {
    latest.current = change(latest.current);
    setValues(latest.current);
    onChangeRef.current?.(latest.current);
  }, []);
  const set = (field: 'date' | 'lessonPeriod' | 'className' | 'subject' | 'lessonTitle' | 'observers' | 'purpose' | (typeof TEXTAREAS)[number]) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    update((v) => ({ ...v, [field]: value }));
  };
  const setTeacher = (event: { target: { value: string } }) => {
    const name = event.target.value;
    const match = directory.find((u) => u.fullName === name.trim() && u.active) ?? directory.find((u) => u.fullName === name.trim());
    update((v) => ({ ...v, teacherName: name, teacherUserId: match?.userId ?? '' }));
  };

  const onUpdateRow = useCallback((id: string, field: RowField, value: string) => {
    const v = latest.current;
    latest.current = { ...v, timeline: v.timeline.map((row) => (row.id === id ? { ...row, [field]: value } : row)) };
    if (field === 'time') setValues(latest.current);
    onChangeRef.current?.(latest.current);
  }, []);
  const onAddRow = useCallback(() => {
    const id = newId();
    update((v) => ({ ...v, timeline: [...v.timeline, { id, time: clockNow(), activity: '', note: '' }] }));
    setFocusRowId(id);
  }, [update]);
  const onRemoveRow = useCallback(
    (id: string) => {
      const index = latest.current.timeline.findIndex((row) => row.id === id);
      const row = latest.current.timeline[index];
      if (!row) return;
      update((v) => ({ ...v, timeline: v.timeline.filter((r) => r.id !== id) }));
      notify({
        message: t('observations.rowRemoved', { number: index + 1 }),
        action: {
          label: t('observations.undo'),
          run: () => update((v) => (v.timeline.some((r) => r.id === id) ? v : { ...v, timeline: [...v.timeline.slice(0, index), row, ...v.timeline.slice(index)] })),
        },
      });
    },
    [update, notify, t],
  );
  const onComment = useCallback((code: string, text: string) => update((v) => ({ ...v, criterionComments: { ...v.criterionComments, [code]: text } })), [update]);
  const onScore = useCallback(
    (code: string, score: number | null) =>
      update((v) => {
        const scores = { ...v.criterionScores };
        if (score === null) delete scores[code];
        else scores[code] = score;
        return { ...v, criterionScores: scores };
      }),
    [update],
  );
  const onRating = useCallback((rating: string) => update((v) => ({ ...v, rating })), [update]);

  const error = (field: keyof ObservationInput) => (errors[field] ? t(errors[field]) : undefined);
  const rubric = findRubric(values.rubricId, values.rubricVersion);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const found = (await onSubmit(latest.current)) ?? {};
      setErrors(found);
      const first = FIELD_ORDER.find((f) => found[f]);
      if (first) formRef.current?.querySelector<HTMLElement>(`#obs-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <form ref={formRef} className="observation-form" onSubmit={submit} noValidate>
        <div className="field-row">
          <Field id="obs-date" label={t('observations.date')} error={error('date')}>
            <DateInput value={values.date} onChange={set('date')} required />
          </Field>
          <Field id="obs-lessonPeriod" label={t('observations.lessonPeriod')} error={error('lessonPeriod')}>
            <input type="text" inputMode="numeric" autoComplete="off" value={values.lessonPeriod} onChange={set('lessonPeriod')} />
          </Field>
        </div>
        <div className="field-row">
          <Field id="obs-className" label={t('observations.className')} error={error('className')}>
            <input type="text" autoComplete="off" value={values.className} onChange={set('className')} required />
          </Field>
          <Field id="obs-subject" label={t('observations.subject')} error={error('subject')}>
            <input type="text" autoComplete="off" value={values.subject} onChange={set('subject')} required />
          </Field>
        </div>
        <Field id="obs-lessonTitle" label={t('observations.lessonTitle')} error={error('lessonTitle')}>
          <input type="text" autoComplete="off" value={values.lessonTitle} onChange={set('lessonTitle')} />
        </Field>
        <Field id="obs-teacherName" label={t('observations.teacher')} hint={t('observations.teacherHint')} error={error('teacherName')}>
          <input type="text" autoComplete="off" list="obs-directory" value={values.teacherName} onChange={setTeacher} required />
        </Field>
        <datalist id="obs-directory">
          {directory.map((u) => (
            <option key={u.userId} value={u.fullName}>
              {[u.department, u.active ? '' : t('observations.teacherLeft')].filter(Boolean).join(' ')}
            </option>
          ))}
        </datalist>
        <div className="field-row">
          <Field id="obs-observers" label={t('observations.observers')} error={error('observers')}>
            <input type="text" autoComplete="off" value={values.observers} onChange={set('observers')} />
          </Field>
          <Field id="obs-purpose" label={t('observations.purpose')} error={error('purpose')}>
            <select value={values.purpose} onChange={set('purpose')}>
              {OBSERVATION_PURPOSE_LABELS.map((p) => (
                <option key={p.code} value={p.code}>
                  {localized(p.label)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div id="obs-timeline" tabIndex={-1}>
          <TimelineEditor rows={values.timeline} onUpdateRow={onUpdateRow} onAddRow={onAddRow} onRemoveRow={onRemoveRow} focusRowId={focusRowId} error={errors.timeline} />
        </div>
        {rubric ? (
          <RubricFields
            rubric={rubric}
            comments={values.criterionComments}
            scores={values.criterionScores}
            rating={values.rating}
            thresholds={thresholds}
            onComment={onComment}
            onScore={onScore}
            onRating={onRating}
          />
        ) : (
          <p className="banner">{t('observations.rubricUnknown', { id: values.rubricId, version: values.rubricVersion })}</p>
        )}
        {TEXTAREAS.map((field) => (
          <Field key={field} id={`obs-${field}`} label={t(`observations.${field}`)} error={error(field)}>
            <textarea rows={3} value={values[field]} onChange={set(field)} />
          </Field>
        ))}
        {hasErrors ? (
          <p className="form-error" role="alert">
            {t('observations.fixErrors')}
          </p>
        ) : null}
        {saveError ? (
          <p className="form-error" role="alert">
            {saveError}
          </p>
        ) : null}
        <SaveDeleteActions saveLabel={t('observations.save')} deleteLabel={t('observations.delete')} busy={busy} onDelete={onDelete} />
      </form>
      <TimelineRowForms rows={values.timeline} />
    </>
  );
}
