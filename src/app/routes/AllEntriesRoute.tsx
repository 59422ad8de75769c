import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../domain/schoolYear.ts';
import { sumPeriods } from '../../domain/totals.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { entriesOfYear } from '../db/entries.ts';
import { Loading } from '../ui/Loading.tsx';
import { VirtualEntryList } from '../ui/VirtualEntryList.tsx';
import { formatPeriods } from '../ui/format.ts';
import { newestFirst } from '../ui/sortEntries.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { startYearParam, useSchoolYear } from './useSchoolYear.ts';

const HEAD_ROWS = 40;

export function AllEntriesRoute() {
  const { t } = useTranslation();
  const db = useDatabase();
  usePageTitle(t('allEntries.title'));
  const [params] = useSearchParams();
  const year = useSchoolYear(startYearParam(params.get('nam')));
  const yearId = year?.id;
  // The newest rows come first on their own, so the screen shows something before 10,000 rows load.
  const head = useLiveQuery(
    async () => (yearId ? (await db.entries.where('[schoolYearId+date]').between([yearId, ''], [yearId, '\uffff']).reverse().limit(HEAD_ROWS).toArray()).sort(newestFirst) : undefined),
    [db, yearId],
  );
  const all = useLiveQuery(async () => (yearId ? (await entriesOfYear(db, yearId)).sort(newestFirst) : undefined), [db, yearId]);
  const entries = all ?? head;

  if (!year || !entries) return <Loading />;
  return (
    <div className="page">
      <h1>{t('allEntries.heading', { label: schoolYearLabel(year.startYear) })}</h1>
      <p className="subtotal">{all ? t('allEntries.summary', { count: all.length, periods: formatPeriods(sumPeriods(all)) }) : t('layout.loading')}</p>
      {entries.length === 0 ? <p className="empty">{t('allEntries.empty')}</p> : <VirtualEntryList entries={entries} label={t('allEntries.list')} />}
    </div>
  );
}
