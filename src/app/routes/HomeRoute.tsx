import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../domain/records.ts';
import { schoolYearLabel, schoolYearMonths, semesterOf, semesterRange } from '../../domain/schoolYear.ts';
import { bdtxProgress, entriesBetween, periodsByMonth, sumPeriods } from '../../domain/totals.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { BackupReminder } from '../features/home/BackupReminder.tsx';
import { OverdueMilestones } from '../features/innovation/OverdueMilestones.tsx';
import { Welcome } from '../features/home/Welcome.tsx';
import { MonthBars } from '../features/stats/MonthBars.tsx';
import { ProgressRing } from '../features/stats/ProgressRing.tsx';
import { EntryList } from '../ui/EntryList.tsx';
import { Loading } from '../ui/Loading.tsx';
import { formatPeriods, todayIso } from '../ui/format.ts';
import { newestFirst } from '../ui/sortEntries.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { entriesOfYearLight } from './entriesOfYearLight.ts';
import { useSchoolYear } from './useSchoolYear.ts';

const HOME_LIST_LIMIT = 20;
// Loaded after the first screen (outside its byte budget); a blank card keeps the layout until then.
const ObservationHomeCard = lazy(() => import('../features/observations/ObservationHomeCard.tsx').then((m) => ({ default: m.ObservationHomeCard })));

export function HomeRoute() {
  const { t } = useTranslation();
  const db = useDatabase();
  usePageTitle(t('home.title'));
  const today = todayIso();
  const month = today.slice(0, 7);
  const year = useSchoolYear();
  const yearId = year?.id;
  // This month's newest entries come first, from one indexed range query of their own, and are shown
  // as soon as they are read: they are what the teacher opened the app for. The walk goes down the
  // date index and stops after the day where the list is full (that day is sorted by creation).
  const monthEntries = useLiveQuery(async () => {
    const rows: Entry[] = [];
    let lastDay: string | null = null;
    await db.entries
      .where('date')
      .between(`${month}-01`, `${month}-31`, true, true)
      .reverse()
      .until((e) => lastDay !== null && e.date < lastDay)
      .each((e) => {
        rows.push(e);
        if (rows.length === HOME_LIST_LIMIT) lastDay = e.date;
      });
    return rows.sort(newestFirst).slice(0, HOME_LIST_LIMIT);
  }, [db, month]);
  const listShown = year !== undefined && monthEntries !== undefined;
  // Totals read every entry of the month and of the year: started only once the list is on screen,
  // so they never delay it, and shown with their own placeholders until then.
  const monthTotals = useLiveQuery(
    async () => {
      if (!listShown) return undefined;
      const rows = await db.entries.where('date').between(`${month}-01`, `${month}-31`, true, true).toArray();
      return { count: rows.length, periods: sumPeriods(rows) };
    },
    [db, month, listShown],
  );
  const yearEntries = useLiveQuery(() => (yearId && listShown ? entriesOfYearLight(db, yearId) : undefined), [db, yearId, listShown]);
  // Counting steps over every entry too (IndexedDB serves one database's requests in turn): after the list.
  const totalCount = useLiveQuery<number | undefined>(() => (listShown ? db.entries.count() : undefined), [db, listShown]);

  if (!year || !monthEntries) return <Loading />;

  const semester = semesterOf(today, year) ?? (today <= year.hk1End ? 'HK1' : 'HK2');
  const range = semesterRange(year, semester);
  const monthNumber = Number(month.slice(5));

  return (
    <div className="page">
      <h1>{t('home.heading', { label: schoolYearLabel(year.startYear) })}</h1>
      <BackupReminder />
      {totalCount === 0 ? <Welcome /> : null}

      <section className="stat-cards" aria-label={t('stats.periods')}>
        <Link to={`/thang/${month}`} className="stat-card">
          <span className="stat-card__label">{t('home.thisMonth')}</span>
          <span className="stat-card__value">{monthTotals ? t('common.periods', { value: formatPeriods(monthTotals.periods) }) : '…'}</span>
        </Link>
        <Link to={`/hoc-ky/${semester}`} className="stat-card">
          <span className="stat-card__label">{t('home.thisSemester', { semester: t(`semester.${semester}`) })}</span>
          <span className="stat-card__value">
            {yearEntries ? t('common.periods', { value: formatPeriods(sumPeriods(entriesBetween(yearEntries, range.from, range.to))) }) : '…'}
          </span>
        </Link>
        <Suspense fallback={<span className="stat-card" aria-hidden="true" />}>
          <ObservationHomeCard schoolYearId={year.id} from={range.from} to={range.to} ready={yearEntries !== undefined} />
        </Suspense>
      </section>

      <section className="panel" aria-labelledby="home-month-heading">
        <h2 id="home-month-heading">
          {t('home.monthEntries')} ({t('common.monthLabel', { month: monthNumber, year: month.slice(0, 4) })})
        </h2>
        {monthEntries.length === 0 ? (
          <p className="empty">{t('home.noEntriesThisMonth')}</p>
        ) : (
          <EntryList entries={monthEntries} label={t('home.monthEntries')} />
        )}
        <p className="actions">
          {monthTotals && monthTotals.count > HOME_LIST_LIMIT ? <Link to={`/thang/${month}`}>{t('home.moreThisMonth', { count: monthTotals.count })}</Link> : null}
          {monthEntries.length > 0 || (totalCount ?? 0) > 0 ? <Link to="/so">{t('home.allEntries')}</Link> : null}
        </p>
      </section>

      <OverdueMilestones schoolYearId={year.id} />

      {yearEntries ? (
        <div className="charts">
          <section className="panel" aria-labelledby="home-ring-heading">
            <h2 id="home-ring-heading">{t('stats.ringTitle')}</h2>
            <ProgressRing progress={bdtxProgress(yearEntries)} />
          </section>
          <section className="panel" aria-labelledby="home-bars-heading">
            <h2 id="home-bars-heading">{t('stats.barsTitle')}</h2>
            <MonthBars months={periodsByMonth(yearEntries, schoolYearMonths(year))} currentMonth={month} />
          </section>
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
