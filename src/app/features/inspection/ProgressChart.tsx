import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewResponse } from '../../../sync/leaderApi.ts';

interface Group {
  name: string;
  total: number;
  onTrack: number;
  confirmed: number;
}

/** Per tổ: teachers, those meeting every minimum, those confirmed. One group when a single tổ is shown. */
export function progressGroups(overview: OverviewResponse, noDepartment: string): Group[] {
  const groups = new Map<string, Group>();
  for (const row of overview.teachers) {
    const name = row.department || noDepartment;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { name, total: 0, onTrack: 0, confirmed: 0 }));
    group.total += 1;
    if (row.behind.length === 0) group.onTrack += 1;
    if (row.confirmations.length > 0) group.confirmed += 1;
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * Bars of the share of teachers on track per tổ. The bars are drawn for the eye only; every figure is
 * in the visible bar labels and in the data table below, which a screen reader reads.
 */
export function ProgressChart({ overview, scopeLabel }: { overview: OverviewResponse; scopeLabel: string }) {
  const { t } = useTranslation();
  const id = useId();
  const groups = progressGroups(overview, t('inspection.noDepartment'));
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('inspection.chartTitle', { scope: scopeLabel })}</h2>
      <p className="field__hint">{t('inspection.chartHint')}</p>
      <ul className="inspection-chart" aria-hidden="true">
        {groups.map((g) => {
          const p = percent(g.onTrack, g.total);
          return (
            <li key={g.name}>
              <span className="inspection-chart__label">{t('inspection.chartBar', { group: g.name, onTrack: g.onTrack, total: g.total, percent: p })}</span>
              <span className="inspection-chart__track">
                <span className="inspection-chart__bar" style={{ width: `${p}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      <details>
        <summary>{t('inspection.chartTable')}</summary>
        <table className="inspection-table">
          <thead>
            <tr>
              <th scope="col">{t('inspection.chartGroup')}</th>
              <th scope="col">{t('inspection.chartTeachers')}</th>
              <th scope="col">{t('inspection.chartOnTrack')}</th>
              <th scope="col">{t('inspection.chartConfirmed')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                <td className="num">{g.total}</td>
                <td className="num">
                  {g.onTrack} ({t('inspection.chartPercent', { percent: percent(g.onTrack, g.total) })})
                </td>
                <td className="num">{g.confirmed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
