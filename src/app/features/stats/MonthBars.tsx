import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriods } from '../../ui/format.ts';

interface Props {
  months: ReadonlyArray<{ month: string; periods: number }>;
  currentMonth: string;
}

const HEIGHT = 120;

/** The chart is a picture for sighted readers; the same figures are in a table for everyone. */
export function MonthBars({ months, currentMonth }: Props) {
  const { t } = useTranslation();
  const descId = useId();
  const max = Math.max(4, ...months.map((m) => m.periods));
  const slot = 32;
  const width = Math.max(slot * months.length, slot);
  return (
    <figure className="bars">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 36}`} className="bars__svg" role="img" aria-label={t('stats.barsTitle')} aria-describedby={descId}>
        <line x1="0" x2={width} y1={HEIGHT} y2={HEIGHT} stroke="#6b7785" strokeWidth="1" />
        {months.map((m, i) => {
          const h = (m.periods / max) * (HEIGHT - 16);
          const x = i * slot + 6;
          const label = Number(m.month.slice(5));
          return (
            <g key={m.month}>
              <rect x={x} y={HEIGHT - h} width={slot - 12} height={h} rx="3" fill={m.month === currentMonth ? '#17486a' : '#5b8db3'} />
              {m.periods > 0 ? (
                <text x={x + (slot - 12) / 2} y={HEIGHT - h - 4} textAnchor="middle" className="bars__value">
                  {formatPeriods(m.periods)}
                </text>
              ) : null}
              <text x={x + (slot - 12) / 2} y={HEIGHT + 18} textAnchor="middle" className="bars__label" fontWeight={m.month === currentMonth ? 700 : 400}>
                {t('common.monthShort', { month: label })}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id={descId} className="visually-hidden">
        {t('stats.barsSummary')}
      </figcaption>
      <details className="bars__table">
        <summary>{t('stats.showTable')}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('stats.month')}</th>
              <th scope="col">{t('stats.periods')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{t('common.monthLabel', { month: Number(m.month.slice(5)), year: m.month.slice(0, 4) })}</th>
                <td>{formatPeriods(m.periods)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
