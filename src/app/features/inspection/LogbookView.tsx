import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_FORMS } from '../../../domain/catalogs/trainingForms.ts';
import { observationSchema, observedLessonSchema, type Observation, type ObservedLesson } from '../../../domain/observations.ts';
import { entrySchema, profileSchema, reflectionSchema, schoolYearSchema, type Entry, type Reflection } from '../../../domain/records.ts';
import { defaultSchoolYearDates, semesterRange, type SemesterCode } from '../../../domain/schoolYear.ts';
import { useForeignRecords } from '../../db/foreign.ts';
import { formatDate, formatPeriods, localized } from '../../ui/format.ts';

/** The semester of a logbook as the leader reads it: its year record id and date range. */
export interface LogbookSemester {
  yearId: string;
  semester: SemesterCode;
  from: string;
  to: string;
}

function parseAll<T>(rows: Array<Record<string, unknown>> | undefined, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T[] {
  return (rows ?? []).flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The teacher's own dates for the year when she set them, the defaults otherwise. */
export function useLogbookSemester(scopeId: string, year: number, semester: SemesterCode): LogbookSemester | undefined {
  const years = useForeignRecords(scopeId, 'schoolYears');
  if (!years) return undefined;
  const own = parseAll(years, schoolYearSchema).find((y) => y.startYear === year);
  const range = semesterRange(own ?? defaultSchoolYearDates(year), semester);
  return { yearId: own?.id ?? `nam-hoc-${year}`, semester, ...range };
}

/**
 * A teacher's logbook for one semester, read-only, from the records synced into db.foreign (so it
 * opens offline once synced): profile, entries with their total, reflections, observations.
 */
export function LogbookView({ scopeId, period }: { scopeId: string; period: LogbookSemester }) {
  const { t } = useTranslation();
  const id = useId();
  const profiles = useForeignRecords(scopeId, 'profile');
  const entryRows = useForeignRecords(scopeId, 'entries');
  const reflectionRows = useForeignRecords(scopeId, 'reflections');
  const observationRows = useForeignRecords(scopeId, 'observations');
  const observedRows = useForeignRecords(scopeId, 'observedLessons');
  const inRange = (date: string) => date >= period.from && date <= period.to;
  const profile = parseAll(profiles, profileSchema)[0];
  const entries = parseAll<Entry>(entryRows, entrySchema)
    .filter((e) => inRange(e.date))
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  const months = [period.from.slice(0, 7), period.to.slice(0, 7)];
  const reflections = parseAll<Reflection>(reflectionRows, reflectionSchema)
    .filter((r) => r.schoolYearId === period.yearId && (r.kind === 'semester' ? r.period === period.semester : r.period >= months[0]! && r.period <= months[1]!))
    .filter((r) => r.text.trim() !== '')
    .sort((a, b) => (a.kind === b.kind ? a.period.localeCompare(b.period) : a.kind === 'month' ? -1 : 1));
  const observations = parseAll<Observation>(observationRows, observationSchema).filter((o) => inRange(o.date)).sort((a, b) => a.date.localeCompare(b.date));
  const observed = parseAll<ObservedLesson>(observedRows, observedLessonSchema).filter((o) => inRange(o.date)).sort((a, b) => a.date.localeCompare(b.date));
  const formLabel = (code: string) => {
    const form = TRAINING_FORMS.find((f) => f.code === code);
    return form ? localized(form.label) : code;
  };
  const total = entries.reduce((sum, e) => sum + e.periods, 0);

  return (
    <>
      {profile ? (
        <section className="panel logbook-section" aria-labelledby={`${id}-profile`}>
          <h2 id={`${id}-profile`}>{t('inspection.profile')}</h2>
          <p>
            {[profile.fullName, profile.position, profile.subject, profile.department, profile.school].filter(Boolean).join(' · ')}
          </p>
        </section>
      ) : null}

      <section className="panel logbook-section" aria-labelledby={`${id}-entries`}>
        <h2 id={`${id}-entries`}>{t('inspection.entriesTitle', { count: entries.length })}</h2>
        {entries.length === 0 ? (
          <p>{t('inspection.entriesEmpty')}</p>
        ) : (
          <div className="inspection-table-wrap" role="region" aria-label={t('inspection.entriesTable')} tabIndex={0}>
            <table className="inspection-table">
              <thead>
                <tr>
                  <th scope="col">{t('inspection.entryDate')}</th>
                  <th scope="col">{t('inspection.entryContent')}</th>
                  <th scope="col">{t('inspection.entryForm')}</th>
                  <th scope="col">{t('inspection.entryProgram')}</th>
                  <th scope="col">{t('inspection.entryPeriods')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDate(e.date)}</td>
                    <td className="logbook-text">{e.content}</td>
                    <td>{formLabel(e.form)}</td>
                    <td>{[e.bdtxProgram, e.module].filter(Boolean).join(' · ') || '—'}</td>
                    <td className="num">{formatPeriods(e.periods)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <strong>{t('inspection.totalPeriods', { periods: formatPeriods(total) })}</strong>
        </p>
      </section>

      <section className="panel logbook-section" aria-labelledby={`${id}-reflections`}>
        <h2 id={`${id}-reflections`}>{t('inspection.reflectionsTitle')}</h2>
        {reflections.length === 0 ? <p>{t('inspection.reflectionsEmpty')}</p> : null}
        {reflections.map((r) => (
          <article key={r.id}>
            <h3>{r.kind === 'semester' ? t('inspection.reflectionSemester') : t('inspection.reflectionMonth', { month: `${r.period.slice(5)}/${r.period.slice(0, 4)}` })}</h3>
            <p className="logbook-text">{r.text}</p>
          </article>
        ))}
      </section>

      <section className="panel logbook-section" aria-labelledby={`${id}-observations`}>
        <h2 id={`${id}-observations`}>{t('inspection.observationsTitle', { count: observations.length })}</h2>
        {observations.length === 0 ? <p>{t('inspection.observationsEmpty')}</p> : null}
        <ul>
          {observations.map((o) => (
            <li key={o.id}>{t('inspection.observationLine', { date: formatDate(o.date), subject: o.subject, className: o.className, title: o.lessonTitle })}</li>
          ))}
        </ul>
        {observed.length > 0 ? (
          <>
            <h3>{t('inspection.observedTitle', { count: observed.length })}</h3>
            <ul>
              {observed.map((o) => (
                <li key={o.id}>
                  {t('inspection.observationLine', { date: formatDate(o.date), subject: o.subject, className: o.className, title: o.lessonTitle })} —{' '}
                  {t('inspection.observedBy', { name: o.observerName })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
