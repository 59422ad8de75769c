import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RUBRICS } from '../../../domain/catalogs/rubrics.ts';
import { schoolCurrentYear, schoolSettingsSchema, type SchoolSettings } from '../../../domain/schoolSettings.ts';
import type { SchoolYearDates } from '../../../domain/schoolYear.ts';
import { ServerError } from '../../sync/api.ts';
import { Field } from '../../ui/Field.tsx';
import { localized } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';
import type { AdminClient } from './adminClient.ts';
import { adminErrorText } from './adminClient.ts';
import { schoolYearErrors, SchoolYearsFields } from './SchoolYearsFields.tsx';

type Draft = Record<string, string>;
const PROGRAMS = ['01', '02', '03'] as const;
const THRESHOLDS = ['gioi', 'kha', 'trungBinh'] as const;

function toDraft(s: SchoolSettings): Draft {
  return {
    schoolName: s.schoolName,
    governingBody: s.governingBody,
    placeName: s.placeName,
    pdfTitle: s.pdfTitle,
    observationRubricId: s.observationRubricId,
    minObservationsPerSemester: String(s.minObservationsPerSemester),
    ...Object.fromEntries(PROGRAMS.map((p) => [`tiet${p}`, String(s.minTietPerProgram[p])])),
    ...Object.fromEntries(THRESHOLDS.map((k) => [k, String(s.ratingThresholds[k])])),
  };
}

/** Numbers typed the Vietnamese way ("13,5") or with a dot. Empty or not a number → NaN (the schema says why). */
function num(text: string | undefined): number {
  const t = (text ?? '').trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

function fromDraft(d: Draft, schoolYears: SchoolYearDates[]) {
  return {
    schoolYears: [...schoolYears].sort((a, b) => a.startYear - b.startYear),
    schoolName: d.schoolName ?? '',
    governingBody: d.governingBody ?? '',
    placeName: d.placeName ?? '',
    pdfTitle: d.pdfTitle ?? '',
    observationRubricId: d.observationRubricId ?? '',
    minObservationsPerSemester: num(d.minObservationsPerSemester),
    minTietPerProgram: Object.fromEntries(PROGRAMS.map((p) => [p, num(d[`tiet${p}`])])),
    ratingThresholds: Object.fromEntries(THRESHOLDS.map((k) => [k, num(d[k])])),
  };
}

/** Field name in the draft for a schema/server issue path ("minTietPerProgram.02" → "tiet02"). */
function draftKey(path: string): string {
  const [head, tail] = path.split('.');
  if (head === 'schoolYears') return path;
  if (head === 'minTietPerProgram' && tail) return `tiet${tail}`;
  if (head === 'ratingThresholds' && tail) return tail;
  return head ?? 'form';
}

/** "Cài đặt của trường": names for the PDF, school years and semester dates, the observation rubric and its thresholds, the semester minimums. */
export function SchoolSettingsPanel({ client }: { client: AdminClient }) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['admin', 'settings', client.api.baseUrl, client.token], queryFn: () => client.api.getSettings(client.token) });
  return (
    <section className="panel" id="cai-dat-truong" aria-labelledby="admin-settings">
      <h2 id="admin-settings">{t('admin.settings.title')}</h2>
      {settings.isPending ? <p role="status">{t('admin.loading')}</p> : null}
      {settings.isError ? (
        <p role="alert" className="field__error">
          {adminErrorText(settings.error, t)}
        </p>
      ) : null}
      {settings.data ? <SettingsForm client={client} initial={settings.data.settings} /> : null}
    </section>
  );
}

function SettingsForm({ client, initial }: { client: AdminClient; initial: SchoolSettings }) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const queries = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [years, setYears] = useState<SchoolYearDates[]>(() => initial.schoolYears);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (value: SchoolSettings) => client.api.putSettings(client.token, value),
    onSuccess: (result) => {
      setDraft(toDraft(result.settings));
      setYears(result.settings.schoolYears);
      notify({ message: t('admin.settings.saved') });
      void queries.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
    onError: (error) => {
      const next: Record<string, string> = {};
      // Date problems keep the server's own sentence (Vietnamese); other fields a generic one.
      if (error instanceof ServerError) for (const issue of error.issues ?? []) next[draftKey(issue.path)] ??= issue.path.startsWith('schoolYears.') ? issue.message : t('admin.settings.invalid');
      if (Object.keys(next).length === 0) next.form = adminErrorText(error, t);
      setErrors(next);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const dateErrors = schoolYearErrors(years);
    const parsed = schoolSettingsSchema.safeParse(fromDraft(draft, years));
    if (!parsed.success || Object.keys(dateErrors).length > 0) {
      const next: Record<string, string> = { ...dateErrors };
      for (const issue of parsed.error?.issues ?? []) {
        const key = draftKey(issue.path.map(String).join('.'));
        if (!key.startsWith('schoolYears.')) next[key] ??= t('admin.settings.invalid');
      }
      setErrors(next);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#cai-dat-truong [aria-invalid="true"]')?.focus());
      return;
    }
    const { ratingThresholds: r } = parsed.data;
    if (!(r.gioi >= r.kha && r.kha >= r.trungBinh)) {
      setErrors({ kha: t('admin.settings.thresholdOrder') });
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const text = (key: string, label: string, hint?: string) => (
    <Field id={`${id}-${key}`} label={label} hint={hint} error={errors[key]}>
      <input value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} autoComplete="off" />
    </Field>
  );
  const number = (key: string, label: string) => (
    <Field id={`${id}-${key}`} label={label} error={errors[key]}>
      <input inputMode="decimal" value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} autoComplete="off" />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="admin-settings">
      {text('schoolName', t('admin.settings.schoolName'))}
      {text('governingBody', t('admin.settings.governingBody'), t('admin.settings.governingBodyHint'))}
      {text('placeName', t('admin.settings.placeName'), t('admin.settings.placeNameHint'))}
      {text('pdfTitle', t('admin.settings.pdfTitle'))}
      <SchoolYearsFields id={id} years={years} errors={errors} currentYear={schoolCurrentYear(Date.now(), { schoolYears: years })} onChange={setYears} />
      <Field id={`${id}-observationRubricId`} label={t('admin.settings.rubric')} error={errors.observationRubricId}>
        <select value={draft.observationRubricId} onChange={(e) => setDraft({ ...draft, observationRubricId: e.target.value })}>
          {[...new Map(RUBRICS.map((r) => [r.id, r])).values()].map((r) => (
            <option key={r.id} value={r.id}>
              {localized(r.label)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('admin.settings.thresholds')}</legend>
        <p className="field__hint">{t('admin.settings.thresholdsHint')}</p>
        <div className="field-row">
          {number('gioi', t('admin.settings.gioi'))}
          {number('kha', t('admin.settings.kha'))}
          {number('trungBinh', t('admin.settings.trungBinh'))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('admin.settings.minimums')}</legend>
        <div className="field-row">
          {PROGRAMS.map((p) => (
            <div key={p}>{number(`tiet${p}`, t('admin.settings.minTiet', { code: p }))}</div>
          ))}
        </div>
        {number('minObservationsPerSemester', t('admin.settings.minObservations'))}
      </fieldset>
      {errors.form ? (
        <p role="alert" className="field__error">
          {errors.form}
        </p>
      ) : null}
      <div className="admin-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t('admin.settings.saving') : t('admin.settings.save')}
        </button>
      </div>
    </form>
  );
}
