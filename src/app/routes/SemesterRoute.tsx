import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel, semesterMonths, semesterRange, type SemesterCode } from '../../domain/schoolYear.ts';
import { entriesBetween } from '../../domain/totals.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { entriesOfYear } from '../db/entries.ts';
import { ReflectionEditor } from '../features/reflections/ReflectionEditor.tsx';
import { ReflectionConflicts } from './ReflectionConflicts.tsx';
import { SemesterLeaderNotes } from './SemesterLeaderNotes.tsx';
import { SemesterTables } from '../features/stats/SemesterTables.tsx';
import { ObservationSemesterProgress } from '../features/observations/ObservationSemesterProgress.tsx';
import { ExportPdfButton } from '../features/pdfExport/ExportPdfButton.tsx';
import { Loading } from '../ui/Loading.tsx';
import { formatDate } from '../ui/format.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { startYearParam, useSchoolYear } from './useSchoolYear.ts';

export function SemesterRoute() {
  const { t } = useTranslation();
  const db = useDatabase();
  // Bumped when a conflict resolution changed the reflection: the editor reloads its text.
  const [version, setVersion] = useState(0);
  const { semester = '' } = useParams<{ semester?: string }>();
  const [params] = useSearchParams();
  const valid = semester === 'HK1' || semester === 'HK2';
  const code = semester as SemesterCode;
  const year = useSchoolYear(startYearParam(params.get('nam')));
  const yearId = year?.id;
  const yearEntries = useLiveQuery(() => (yearId ? entriesOfYear(db, yearId) : undefined), [db, yearId]);
  usePageTitle(valid ? t(`semester.${code}`) : t('semester.invalid'));

  if (!valid) return <p className="panel">{t('semester.invalid')}</p>;
  if (!year || !yearEntries) return <Loading />;

  const range = semesterRange(year, code);
  const semesterEntries = entriesBetween(yearEntries, range.from, range.to);
  const query = params.get('nam') ? `?nam=${year.startYear}` : '';

  return (
    <div className="page">
      <h1>
        {t(`semester.${code}`)} — {t('common.schoolYear', { label: schoolYearLabel(year.startYear) })}
      </h1>
      <nav className="pager" aria-label={t('nav.semester')}>
        {(['HK1', 'HK2'] as const).map((s) => (
          <Link key={s} to={`/hoc-ky/${s}${query}`} className="button button--secondary" aria-current={s === code ? 'page' : undefined}>
            {t(`semester.${s}`)}
          </Link>
        ))}
      </nav>
      <p>{t('semester.range', { from: formatDate(range.from), to: formatDate(range.to) })}</p>
      <p className="actions"><ExportPdfButton year={year} semester={code} /></p>
      <p className="subtotal">{t('semester.entryCount', { count: semesterEntries.length })}</p>
      <SemesterTables semesterEntries={semesterEntries} yearEntries={yearEntries} months={semesterMonths(year, code)} />
      <ObservationSemesterProgress schoolYearId={year.id} from={range.from} to={range.to} />
      <SemesterLeaderNotes schoolYearId={year.id} semester={code} />
      <ReflectionConflicts schoolYearId={year.id} kind="semester" period={code} onRecordChanged={() => setVersion((v) => v + 1)} />
      <section className="panel">
        <ReflectionEditor
          key={`${year.id}-${code}-${version}`}
          label={t('semester.reflection')}
          hint={t('semester.reflectionHint')}
          kind="semester"
          period={code}
          schoolYearId={year.id}
          resolveSchoolYearId={async () => year.id}
        />
      </section>
    </div>
  );
}
