import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BDTX_MODULES, BDTX_PROGRAMS } from '../../../domain/catalogs/bdtx.ts';
import { TRAINING_FORMS } from '../../../domain/catalogs/trainingForms.ts';
import { localized } from '../../ui/format.ts';
import { ENTRY_FIELDS, type EntryField, type EntryFormValues } from './entryFormValues.ts';
import { Field } from '../../ui/Field.tsx';
import { SaveDeleteActions } from '../../ui/SaveDeleteActions.tsx';
import { DateInput } from '../../ui/DateInput.tsx';

export type EntryErrors = Partial<Record<EntryField, string>>;

interface Props {
  initial: EntryFormValues;
  /** Returns field errors (i18n keys) or nothing when saved. Throws on storage failure. */
  onSubmit: (values: EntryFormValues) => Promise<EntryErrors | null>;
  onDelete?: () => void;
  /** Called after the teacher changed a value (not for the initial values). */
  onChange?: (values: EntryFormValues) => void;
  saveError: string | null;
}

const TEXTAREAS = ['source', 'result', 'evidence', 'note'] as const;

export function EntryForm({ initial, onSubmit, onDelete, onChange, saveError }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<EntryErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const edited = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (edited.current) onChangeRef.current?.(values);
  }, [values]);

  const set = (field: EntryField) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    edited.current = true;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const error = (field: EntryField) => (errors[field] ? t(errors[field]) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const found = (await onSubmit(values)) ?? {};
      setErrors(found);
      const first = ENTRY_FIELDS.find((f) => found[f]);
      if (first) formRef.current?.querySelector<HTMLElement>(`#entry-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="entry-form" onSubmit={submit} noValidate>
      <Field id="entry-date" label={t('entry.date')} error={error('date')}>
        <DateInput name="date" value={values.date} onChange={set('date')} required />
      </Field>
      <Field id="entry-content" label={t('entry.content')} error={error('content')}>
        <textarea name="content" rows={4} value={values.content} onChange={set('content')} required />
      </Field>
      <Field id="entry-form" label={t('entry.form')} error={error('form')}>
        <select name="form" value={values.form} onChange={set('form')}>
          {TRAINING_FORMS.map((f) => (
            <option key={f.code} value={f.code}>
              {localized(f.label)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id="entry-bdtxProgram" label={t('entry.program')} error={error('bdtxProgram')}>
          <select name="bdtxProgram" value={values.bdtxProgram} onChange={set('bdtxProgram')}>
            <option value="">{t('common.notBdtx')}</option>
            {BDTX_PROGRAMS.map((p) => (
              <option key={p.code} value={p.code}>
                {localized(p.label)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="entry-periods" label={t('entry.periods')} hint={t('entry.periodsHint')} error={error('periods')}>
          <input type="text" name="periods" inputMode="decimal" autoComplete="off" value={values.periods} onChange={set('periods')} />
        </Field>
      </div>
      {values.bdtxProgram === '03' ? (
        <Field id="entry-module" label={t('entry.module')} error={error('module')}>
          <select name="module" value={values.module} onChange={set('module')}>
            <option value="">{t('entry.chooseModule')}</option>
            {BDTX_MODULES.map((m) => (
              <option key={m.code} value={m.code}>
                {`${m.code} — ${localized(m.label)}`}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {TEXTAREAS.map((field) => (
        <Field key={field} id={`entry-${field}`} label={t(`entry.${field}`)} hint={field === 'evidence' ? t('entry.evidenceHint') : undefined} error={error(field)}>
          <textarea name={field} rows={field === 'result' ? 3 : 2} value={values[field]} onChange={set(field)} />
        </Field>
      ))}
      {saveError ? (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      ) : null}
      <SaveDeleteActions saveLabel={t('entry.save')} deleteLabel={t('entry.delete')} busy={busy} onDelete={onDelete} />
    </form>
  );
}
