import { useTranslation } from 'react-i18next';
import { BDTX_MODULES, BDTX_PROGRAMS } from '../../../domain/catalogs/bdtx.ts';
import type { Entry } from '../../../domain/records.ts';
import { bdtxProgress, periodsByModule, periodsByMonth, sumPeriods } from '../../../domain/totals.ts';
import { formatPeriods, localized } from '../../ui/format.ts';

interface Props {
  semesterEntries: readonly Entry[];
  yearEntries: readonly Entry[];
  months: readonly string[];
}

export function SemesterTables({ semesterEntries, yearEntries, months }: Props) {
  const { t } = useTranslation();
  const semester = bdtxProgress(semesterEntries);
  const year = bdtxProgress(yearEntries);
  const notBdtx = (list: readonly Entry[]) => sumPeriods(list.filter((e) => !e.bdtxProgram));
  const modules = periodsByModule(semesterEntries);
  const byMonth = periodsByMonth(semesterEntries, months);

  return (
    <>
      <section className="panel">
        <h2>{t('semester.byProgram')}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('semester.program')}</th>
                <th scope="col">{t('semester.thisSemester')}</th>
                <th scope="col">{t('semester.yearSoFar')}</th>
                <th scope="col">{t('semester.plan')}</th>
              </tr>
            </thead>
            <tbody>
              {BDTX_PROGRAMS.map((p) => (
                <tr key={p.code}>
                  <th scope="row">{localized(p.label)}</th>
                  <td>{formatPeriods(semester.byProgram[p.code])}</td>
                  <td>{formatPeriods(year.byProgram[p.code])}</td>
                  <td>{formatPeriods(p.plannedTiet)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('common.notBdtx')}</th>
                <td>{formatPeriods(notBdtx(semesterEntries))}</td>
                <td>{formatPeriods(notBdtx(yearEntries))}</td>
                <td>—</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('semester.total')}</th>
                <td>{formatPeriods(sumPeriods(semesterEntries))}</td>
                <td>{formatPeriods(sumPeriods(yearEntries))}</td>
                <td>{formatPeriods(year.target)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section className="panel">
        <h2>{t('semester.byModule')}</h2>
        {modules.size === 0 ? (
          <p>{t('semester.noModules')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('semester.module')}</th>
                  <th scope="col">{t('stats.periods')}</th>
                </tr>
              </thead>
              <tbody>
                {BDTX_MODULES.filter((m) => modules.has(m.code)).map((m) => (
                  <tr key={m.code}>
                    <th scope="row">{`${m.code} — ${localized(m.label)}`}</th>
                    <td>{`${formatPeriods(modules.get(m.code) ?? 0)} / ${formatPeriods(m.typicalTiet)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel">
        <h2>{t('semester.byMonth')}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('stats.month')}</th>
                <th scope="col">{t('stats.entries')}</th>
                <th scope="col">{t('stats.periods')}</th>
              </tr>
            </thead>
            <tbody>
              {byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{t('common.monthLabel', { month: Number(m.month.slice(5)), year: m.month.slice(0, 4) })}</th>
                  <td>{semesterEntries.filter((e) => e.date.startsWith(m.month)).length}</td>
                  <td>{formatPeriods(m.periods)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
