import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { currentStartYear, schoolYearLabel } from '../../../domain/schoolYear.ts';
import type { OverviewResponse, OverviewTeacher } from '../../../sync/leaderApi.ts';
import { registerMessages } from '../../i18n/lazyMessages.ts';
import { formatDateTime, formatPeriods, todayIso } from '../../ui/format.ts';
import { ExportZipButton } from './ExportZipButton.tsx';
import { confirmationState, errorText, inspectionSearch, useInspectionParams } from './params.ts';
import { inspectionEn, inspectionVi } from './messages.ts';
import { OfflineLogbooks } from './OfflineLogbooks.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { useLeaderClient, type LeaderClient } from './useLeaderClient.ts';
import { ConnectionNeeded } from '../../ui/ConnectionNeeded.tsx';
import './inspection.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Blocked({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <ConnectionNeeded settingsLabel={t('inspection.goToSettings')}>{children}</ConnectionNeeded>;
}

/** "Kiểm tra hồ sơ": the semester overview of the teachers in the leader's charge. */
export function InspectionScreen() {
  registerMessages('inspection', inspectionVi, inspectionEn);
  const { t } = useTranslation();
  const state = useLeaderClient();
  if (state.kind !== 'ready') return <Blocked>{t(`inspection.${state.kind}`)}</Blocked>;
  return (
    <QueryClientProvider client={queryClient}>
      {state.online ? (
        <Overview client={state.client} />
      ) : (
        <>
          <p className="panel" role="status">
            {t('inspection.offline')}
          </p>
          <OfflineLogbooks />
        </>
      )}
    </QueryClientProvider>
  );
}

function Filters({ overview }: { overview: OverviewResponse | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [, navigate] = useLocation();
  const params = useInspectionParams();
  const go = (next: Partial<typeof params>) => navigate(`/kiem-tra?${inspectionSearch({ ...params, ...next })}`, { replace: true });
  const thisYear = currentStartYear(todayIso(), []);
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].filter((y) => y <= thisYear || y === params.year);
  return (
    <div className="field-row inspection-filters">
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('inspection.year')}</label>
        <select id={`${id}-year`} value={params.year} onChange={(e) => go({ year: Number(e.target.value) })}>
          {[...new Set([...years, params.year])].sort((a, b) => b - a).map((y) => (
            <option key={y} value={y}>
              {schoolYearLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-semester`}>{t('inspection.semester')}</label>
        <select id={`${id}-semester`} value={params.semester} onChange={(e) => go({ semester: e.target.value as 'HK1' | 'HK2' })}>
          <option value="HK1">{t('inspection.hk1')}</option>
          <option value="HK2">{t('inspection.hk2')}</option>
        </select>
      </div>
      {overview && overview.departments.length > 1 ? (
        <div className="field">
          <label htmlFor={`${id}-department`}>{t('inspection.department')}</label>
          <select id={`${id}-department`} value={params.department} onChange={(e) => go({ department: e.target.value })}>
            <option value="">{t('inspection.allDepartments')}</option>
            {overview.departments.map((d) => (
              <option key={d} value={d}>
                {d || t('inspection.noDepartment')}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}

function Overview({ client }: { client: LeaderClient }) {
  const { t } = useTranslation();
  const params = useInspectionParams();
  const query = { year: params.year, semester: params.semester, ...(params.department ? { department: params.department } : {}) };
  const overview = useQuery({
    queryKey: ['leader', 'overview', client.api.baseUrl, client.token, query],
    queryFn: () => client.api.leaderOverview(client.token, query),
  });
  const data = overview.data;
  const scopeLabel = data?.wholeSchool && !params.department ? t('inspection.scopeWhole') : t('inspection.scopeDepartment', { department: params.department || data?.departments[0] || '' });
  return (
    <>
      <Filters overview={data} />
      {overview.isPending ? <p role="status">{t('inspection.loading')}</p> : null}
      {overview.isError ? (
        <div role="alert" className="panel">
          <p className="field__error">{t('inspection.loadFailed', { message: errorText(overview.error, t) })}</p>
          <button type="button" className="button button--secondary" onClick={() => void overview.refetch()}>
            {t('inspection.retry')}
          </button>
        </div>
      ) : null}
      {data && data.teachers.length === 0 ? <p className="panel">{t('inspection.empty')}</p> : null}
      {data && data.teachers.length > 0 ? (
        <>
          <ProgressChart overview={data} scopeLabel={scopeLabel} />
          <TeacherTable overview={data} />
          <ExportZipButton client={client} query={query} />
        </>
      ) : null}
    </>
  );
}

type SortKey = 'name' | 'department' | 'entries' | '01' | '02' | '03' | 'total' | 'observations' | 'lastSync' | 'confirmation';

function sortValue(row: OverviewTeacher, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return row.fullName;
    case 'department':
      return row.department;
    case 'entries':
      return row.entries;
    case '01':
    case '02':
    case '03':
      return row.tietByProgram[key];
    case 'total':
      return row.tietTotal;
    case 'observations':
      return row.observations;
    case 'lastSync':
      return row.lastSyncAt ?? '';
    case 'confirmation':
      return row.confirmations.length === 0 ? 0 : row.confirmations.some((c) => c.changedCount > 0) ? 1 : 2;
  }
}

function TeacherTable({ overview }: { overview: OverviewResponse }) {
  const { t } = useTranslation();
  const params = useInspectionParams();
  // Falling behind first: the leader sees who needs attention without sorting.
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 } | null>(null);
  const rows = useMemo(() => {
    const list = [...overview.teachers];
    if (!sort) return list.sort((a, b) => Number(b.behind.length > 0) - Number(a.behind.length > 0) || a.fullName.localeCompare(b.fullName, 'vi'));
    return list.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
      return order * sort.dir || a.fullName.localeCompare(b.fullName, 'vi');
    });
  }, [overview.teachers, sort]);
  const min = overview.minimums;
  const header = (key: SortKey, label: string) => {
    const active = sort?.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="inspection-sort" onClick={() => setSort(active && sort.dir === 1 ? { key, dir: -1 } : { key, dir: 1 })}>
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };
  const search = inspectionSearch(params);
  const caption = t('inspection.tableCaption', { semester: t(params.semester === 'HK1' ? 'inspection.hk1' : 'inspection.hk2'), year: schoolYearLabel(overview.year) });
  return (
    <>
      {/* Shown above the scrolling box: as the table's caption it was as wide as the table, cut off on a phone. */}
      <p className="inspection-caption" aria-hidden="true">
        {caption}
      </p>
      <div className="inspection-table-wrap" role="region" aria-labelledby="inspection-caption" tabIndex={0}>
        <table className="inspection-table">
          <caption id="inspection-caption" className="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              {header('name', t('inspection.col.name'))}
              {overview.wholeSchool ? header('department', t('inspection.col.department')) : null}
              {header('entries', t('inspection.col.entries'))}
              {(['01', '02', '03'] as const).map((code) => (
                <th key={code} scope="col" aria-sort={sort?.key === code ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="inspection-sort" onClick={() => setSort(sort?.key === code && sort.dir === 1 ? { key: code, dir: -1 } : { key: code, dir: 1 })}>
                    {t('inspection.col.program', { code })}
                    <span aria-hidden="true">{sort?.key === code ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
              {header('total', t('inspection.col.total'))}
              {header('observations', t('inspection.col.observations'))}
              <th scope="col">{t('inspection.col.topic')}</th>
              <th scope="col">{t('inspection.col.skkn')}</th>
              {header('lastSync', t('inspection.col.lastSync'))}
              {header('confirmation', t('inspection.col.confirmation'))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const behind = row.behind.length > 0;
              const state = confirmationState(row);
              const missing = row.behind.map((b) => (b === 'observations' ? t('inspection.behindObservations') : t('inspection.behindProgram', { code: b }))).join(', ');
              return (
                <tr key={row.scopeId} className={behind ? 'inspection-row inspection-row--behind' : 'inspection-row'}>
                  <th scope="row">
                    <Link to={`/kiem-tra/${encodeURIComponent(row.scopeId)}?${search}`}>{row.fullName}</Link>
                    {row.active ? null : <span className="inspection-muted"> {t('inspection.inactive')}</span>}
                    <br />
                    <span className={behind ? 'inspection-badge inspection-badge--behind' : 'inspection-badge'} title={behind ? missing : undefined}>
                      {behind ? t('inspection.behind') : t('inspection.onTrack')}
                    </span>
                    {behind ? <span className="visually-hidden">{t('inspection.behindList', { items: missing })}</span> : null}
                  </th>
                  {overview.wholeSchool ? <td>{row.department || '—'}</td> : null}
                  <td className="num">{row.entries}</td>
                  {(['01', '02', '03'] as const).map((code) => (
                    <td key={code} className={row.behind.includes(code) ? 'num inspection-low' : 'num'}>
                      {t('inspection.ofMinimum', { value: formatPeriods(row.tietByProgram[code]), min: formatPeriods(min.tietPerProgram[code]) })}
                    </td>
                  ))}
                  <td className="num">{formatPeriods(row.tietTotal)}</td>
                  <td className={row.behind.includes('observations') ? 'num inspection-low' : 'num'}>{t('inspection.ofMinimum', { value: row.observations, min: min.observations })}</td>
                  <td>{t(`inspection.topic.${row.innovationTopic ?? 'none'}`)}</td>
                  <td>{t(`inspection.skkn.${row.skkn ?? 'none'}`)}</td>
                  <td>{row.lastSyncAt ? formatDateTime(row.lastSyncAt) : t('inspection.never')}</td>
                  <td>
                    {state === 'none' ? t('inspection.notConfirmed') : null}
                    {state === 'confirmed' ? t('inspection.confirmed') : null}
                    {state === 'edited' ? <strong className="inspection-flag">{t('inspection.editedAfter')}</strong> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
