import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { overdueMilestones } from '../../../domain/innovationTopicRules.ts';
import { emptyInnovationTopic, nextTopicStatus, TOPIC_STATUSES, type InnovationTopicInput, type TopicStatus } from '../../../domain/innovationTopic.ts';
import type { SchoolYear } from '../../../domain/records.ts';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import { getInnovationTopic, saveInnovationTopic, type TopicErrors } from '../../db/innovationTopics.ts';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { formatDate, preview, todayIso } from '../../ui/format.ts';
import { DateInput } from '../../ui/DateInput.tsx';

const SAVE_DELAY_MS = 700;

type Milestone = InnovationTopicInput['milestones'][number];
type Note = InnovationTopicInput['progressNotes'][number];

/**
 * The school year's innovation topic, saved as it is typed (short debounce, on blur and when the
 * screen closes). A change that does not validate stays in the form with its error beside the field
 * and is saved once corrected.
 */
export function InnovationTopicForm({ year }: { year: SchoolYear }) {
  const db = useDatabase();
  const [initial, setInitial] = useState<InnovationTopicInput | null>(null);
  useEffect(() => {
    let live = true;
    void getInnovationTopic(db, year.id).then((topic) => {
      if (!live) return;
      if (!topic) return setInitial(emptyInnovationTopic());
      const { id: _id, schoolYearId: _y, createdAt: _c, updatedAt: _u, ...values } = topic;
      setInitial(values);
    });
    return () => {
      live = false;
    };
  }, [db, year.id]);
  if (!initial) return <Loading />;
  return <TopicForm key={year.id} year={year} initial={initial} />;
}

function TopicForm({ year, initial }: { year: SchoolYear; initial: InnovationTopicInput }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TopicErrors>({});
  const [state, setState] = useState<'saved' | 'saving' | 'invalid' | { error: string }>('saved');
  const pending = useRef<InnovationTopicInput | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const today = todayIso();
  const entries = useLiveQuery(() => db.entries.where('[schoolYearId+date]').between([year.id, ''], [year.id, '\uffff']).reverse().toArray(), [db, year.id]);
  const observations = useLiveQuery(() => db.observations.where('[schoolYearId+date]').between([year.id, ''], [year.id, '\uffff']).reverse().toArray(), [db, year.id]);

  const save = useRef<() => void>(() => {});
  save.current = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    // Nothing written until the teacher types something: an untouched form creates no topic.
    setState('saving');
    saveInnovationTopic(db, year.id, next).then(
      (result) => {
        if (result.ok) {
          setErrors({});
          setState('saved');
        } else {
          setErrors(result.errors);
          setState('invalid');
        }
      },
      (error: unknown) => setState({ error: t(storageErrorKey(error)) }),
    );
  };
  useEffect(() => () => save.current(), []);
  useEffect(() => {
    const onHide = () => save.current();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  const change = (next: InnovationTopicInput) => {
    setValues(next);
    pending.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => save.current(), SAVE_DELAY_MS);
  };
  const set = <K extends keyof InnovationTopicInput>(key: K, value: InnovationTopicInput[K]) => change({ ...values, [key]: value });
  const setMilestone = (index: number, patch: Partial<Milestone>) => set('milestones', values.milestones.map((m, k) => (k === index ? { ...m, ...patch } : m)));
  const setNote = (index: number, patch: Partial<Note>) => set('progressNotes', values.progressNotes.map((n, k) => (k === index ? { ...n, ...patch } : n)));
  const error = (path: string) => (errors[path] ? t(errors[path]!) : undefined);
  const overdue = new Set(overdueMilestones(values.milestones, today).map((m) => m.id));
  const status = values.status as TopicStatus;
  const next = nextTopicStatus(status);

  const longText = (key: 'reason' | 'goals' | 'measures' | 'summary', hint?: string) => (
    <Field id={`topic-${key}`} label={t(`innovation.${key}`)} hint={hint} error={error(key)}>
      <textarea rows={key === 'summary' ? 6 : 4} value={values[key]} onChange={(e) => set(key, e.target.value)} onBlur={() => save.current()} />
    </Field>
  );

  return (
    <form className="topic-form" onSubmit={(e) => e.preventDefault()} aria-label={t('innovation.title')}>
      <p>{t('innovation.year', { label: schoolYearLabel(year.startYear) })}</p>
      <div className="field-row">
        <Field id="topic-status" label={t('innovation.statusLabel')}>
          <select value={status} onChange={(e) => set('status', e.target.value as TopicStatus)}>
            {TOPIC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`innovation.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        {next ? (
          <button type="button" className="button button--secondary" onClick={() => set('status', next)}>
            {t('innovation.advance', { status: t(`innovation.status.${next}`) })}
          </button>
        ) : null}
      </div>
      <Field id="topic-title" label={t('innovation.name')} error={error('title')}>
        <input value={values.title} maxLength={500} onChange={(e) => set('title', e.target.value)} onBlur={() => save.current()} />
      </Field>
      {longText('reason')}
      {longText('goals')}
      {longText('measures')}

      <fieldset className="topic-plan">
        <legend>{t('innovation.plan')}</legend>
        {values.milestones.length === 0 ? <p className="empty">{t('innovation.planEmpty')}</p> : null}
        {values.milestones.map((milestone, index) => (
          <fieldset key={milestone.id} className={overdue.has(milestone.id) ? 'topic-item topic-item--overdue' : 'topic-item'}>
            <legend>
              {t('innovation.milestone', { n: index + 1 })}
              {overdue.has(milestone.id) ? <strong className="topic-badge"> · {t('innovation.overdue')}</strong> : null}
            </legend>
            <Field id={`ms-${milestone.id}-due`} label={t('innovation.due')} error={error(`milestones.${index}.due`)}>
              <DateInput value={milestone.due} onChange={(e) => setMilestone(index, { due: e.target.value })} onBlur={() => save.current()} />
            </Field>
            <Field id={`ms-${milestone.id}-task`} label={t('innovation.task')} error={error(`milestones.${index}.task`)}>
              <input value={milestone.task} maxLength={500} onChange={(e) => setMilestone(index, { task: e.target.value })} onBlur={() => save.current()} />
            </Field>
            <Field id={`ms-${milestone.id}-product`} label={t('innovation.product')}>
              <input value={milestone.expectedProduct} maxLength={500} onChange={(e) => setMilestone(index, { expectedProduct: e.target.value })} onBlur={() => save.current()} />
            </Field>
            <label className="topic-check">
              <input type="checkbox" checked={milestone.done} onChange={(e) => setMilestone(index, { done: e.target.checked })} /> {t('innovation.done')}
            </label>
            <button type="button" className="button button--danger-outline" onClick={() => set('milestones', values.milestones.filter((m) => m.id !== milestone.id))}>
              {t('innovation.removeMilestone', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button--secondary" onClick={() => set('milestones', [...values.milestones, { id: newId(), due: today, task: '', expectedProduct: '', done: false }])}>
          {t('innovation.addMilestone')}
        </button>
      </fieldset>

      <fieldset className="topic-notes">
        <legend>{t('innovation.notes')}</legend>
        {values.progressNotes.length === 0 ? <p className="empty">{t('innovation.notesEmpty')}</p> : null}
        {values.progressNotes.map((note, index) => {
          const chosen = new Set(note.evidence.map((e) => `${e.table}:${e.id}`));
          const known = new Set([...(entries ?? []).map((e) => `entries:${e.id}`), ...(observations ?? []).map((o) => `observations:${o.id}`)]);
          const missing = note.evidence.filter((e) => !known.has(`${e.table}:${e.id}`));
          return (
            <fieldset key={note.id} className="topic-item">
              <legend>{t('innovation.note', { n: index + 1 })}</legend>
              <Field id={`note-${note.id}-date`} label={t('innovation.noteDate')} error={error(`progressNotes.${index}.date`)}>
                <DateInput value={note.date} onChange={(e) => setNote(index, { date: e.target.value })} onBlur={() => save.current()} />
              </Field>
              <Field id={`note-${note.id}-text`} label={t('innovation.noteText')} error={error(`progressNotes.${index}.text`)}>
                <textarea rows={3} value={note.text} onChange={(e) => setNote(index, { text: e.target.value })} onBlur={() => save.current()} />
              </Field>
              <Field id={`note-${note.id}-evidence`} label={t('innovation.evidence')} hint={t('innovation.evidenceHint')}>
                <select
                  multiple
                  size={Math.min(6, Math.max(3, (entries?.length ?? 0) + (observations?.length ?? 0)))}
                  value={[...chosen]}
                  onChange={(e) => {
                    const picked = [...e.target.selectedOptions].map((o) => {
                      const [table, id] = o.value.split(':') as ['entries' | 'observations', string];
                      return { table, id };
                    });
                    // Evidence not on this device (not synced yet) is kept, not silently dropped.
                    setNote(index, { evidence: [...missing, ...picked] });
                  }}
                >
                  {(entries ?? []).map((entry) => (
                    <option key={entry.id} value={`entries:${entry.id}`}>
                      {t('innovation.evidenceEntry', { date: formatDate(entry.date), text: preview(entry.content, 60) })}
                    </option>
                  ))}
                  {(observations ?? []).map((o) => (
                    <option key={o.id} value={`observations:${o.id}`}>
                      {t('innovation.evidenceObservation', { date: formatDate(o.date), text: preview(`${o.subject} – ${o.lessonTitle}`, 60) })}
                    </option>
                  ))}
                </select>
              </Field>
              {missing.length > 0 ? <p className="field__hint">{t('innovation.evidenceMissing')}: {missing.length}</p> : null}
              <button type="button" className="button button--danger-outline" onClick={() => set('progressNotes', values.progressNotes.filter((n) => n.id !== note.id))}>
                {t('innovation.removeNote', { n: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button button--secondary" onClick={() => set('progressNotes', [...values.progressNotes, { id: newId(), date: today, text: '', evidence: [] }])}>
          {t('innovation.addNote')}
        </button>
      </fieldset>

      {longText('summary', t('innovation.summaryHint'))}
      <p className={typeof state === 'object' || state === 'invalid' ? 'field__error' : 'field__status'} role="status">
        {state === 'saved' ? t('innovation.saved') : state === 'saving' ? t('innovation.saving') : state === 'invalid' ? t('innovation.fixErrors') : t('innovation.saveFailed', { message: state.error })}
      </p>
      <p>
        <Link to="/skkn">{t('innovation.skknLink')}</Link>
      </p>
    </form>
  );
}
