import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../domain/dates.ts';
import { startYearForDate } from '../../domain/schoolYear.ts';
import { sumPeriods } from '../../domain/totals.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { ensureSchoolYearNow, listSchoolYears } from '../db/schoolYears.ts';
import { ReflectionEditor } from '../features/reflections/ReflectionEditor.tsx';
import { ReflectionConflicts } from './ReflectionConflicts.tsx';
import { Loading } from '../ui/Loading.tsx';
import { VirtualEntryList } from '../ui/VirtualEntryList.tsx';
import { formatPeriods } from '../ui/format.ts';
import { newestFirst } from '../ui/sortEntries.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';

function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function MonthRoute() {
  const { t } = useTranslation();
  const db = useDatabase();
  // Bumped when a conflict resolution changed the reflection: the editor reloads its text.
  const [version, setVersion] = useState(0);
  const { month = '' } = useParams<{ month?: string }>();
  const valid = /^\d{4}-\d{2}$/.test(month) && isIsoDate(`${month}-01`);
  const [y, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  usePageTitle(valid ? t('month.title', { month: m, year: y }) : t('month.invalid'));

  const entries = useLiveQuery(
    async () => (valid ? (await db.entries.where('date').between(`${month}-01`, `${month}-31`, true, true).toArray()).sort(newestFirst) : []),
    [db, month, valid],
  );
  const years = useLiveQuery(() => listSchoolYears(db), [db]);

  if (!valid) return <p className="panel">{t('month.invalid')}</p>;
  if (!entries || !years) return <Loading />;

  const startYear = startYearForDate(`${month}-15`, years);
  const schoolYear = years.find((sy) => sy.startYear === startYear);
  const bdtx = sumPeriods(entries.filter((e) => e.bdtxProgram));

  return (
    <div className="page">
      <h1>{t('month.title', { month: m, year: y })}</h1>
      <nav className="pager" aria-label={t('nav.month')}>
        <Link to={`/thang/${shiftMonth(month, -1)}`} className="button button--secondary">
          <span aria-hidden="true">‹ </span>
          {t('month.previous')}
        </Link>
        <Link to={`/thang/${shiftMonth(month, 1)}`} className="button button--secondary">
          {t('month.next')}
          <span aria-hidden="true"> ›</span>
        </Link>
      </nav>
      <p className="subtotal">
        {t('month.subtotal', { periods: formatPeriods(sumPeriods(entries)), count: entries.length, bdtx: formatPeriods(bdtx) })}
      </p>
      <ReflectionConflicts schoolYearId={schoolYear?.id ?? null} kind="month" period={month} onRecordChanged={() => setVersion((v) => v + 1)} />
      <section className="panel">
        <ReflectionEditor
          key={`${month}-${version}`}
          label={t('month.reflection')}
          hint={t('month.reflectionHint')}
          kind="month"
          period={month}
          schoolYearId={schoolYear?.id ?? null}
          resolveSchoolYearId={async () => (await ensureSchoolYearNow(db, startYear)).year.id}
        />
      </section>
      <section aria-labelledby="month-entries-heading">
        <h2 id="month-entries-heading">{t('month.entriesList')}</h2>
        {entries.length === 0 ? <p className="empty">{t('month.empty')}</p> : <VirtualEntryList entries={entries} label={t('month.entriesList')} />}
      </section>
    </div>
  );
}
