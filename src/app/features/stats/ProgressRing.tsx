import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BDTX_PROGRAMS } from '../../../domain/catalogs/bdtx.ts';
import type { BdtxProgress } from '../../../domain/totals.ts';
import { formatPeriods } from '../../ui/format.ts';

/** Colours with ≥ 3:1 contrast on white (non-text contrast), told apart by the legend's numbers too. */
export const PROGRAM_COLORS: Record<string, string> = { '01': '#1f5f8b', '02': '#a14a00', '03': '#2e7d32' };

const RADIUS = 52;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function ProgressRing({ progress }: { progress: BdtxProgress }) {
  const { t } = useTranslation();
  const summaryId = useId();
  const summary = t('stats.ringSummary', {
    total: formatPeriods(progress.total),
    target: formatPeriods(progress.target),
    percent: Math.round(progress.ratio * 100),
  });
  let offset = 0;
  const segments = BDTX_PROGRAMS.map((p) => {
    const share = progress.target > 0 ? Math.min(progress.byProgram[p.code] / progress.target, 1 - offset / CIRCUMFERENCE) : 0;
    const length = Math.max(0, share * CIRCUMFERENCE);
    const segment = { code: p.code, length, offset };
    offset += length;
    return segment;
  });

  return (
    <div className="ring">
      <svg viewBox="0 0 128 128" className="ring__svg" role="img" aria-labelledby={summaryId}>
        <circle cx="64" cy="64" r={RADIUS} fill="none" stroke="#dde3ea" strokeWidth="14" />
        {segments.map((s) =>
          s.length > 0 ? (
            <circle
              key={s.code}
              cx="64"
              cy="64"
              r={RADIUS}
              fill="none"
              stroke={PROGRAM_COLORS[s.code]}
              strokeWidth="14"
              strokeDasharray={`${s.length} ${CIRCUMFERENCE - s.length}`}
              strokeDashoffset={-s.offset}
              transform="rotate(-90 64 64)"
            />
          ) : null,
        )}
        <text x="64" y="62" textAnchor="middle" className="ring__value">
          {t('stats.ringCenter', { total: formatPeriods(progress.total), target: formatPeriods(progress.target) })}
        </text>
        <text x="64" y="82" textAnchor="middle" className="ring__unit">
          {t('stats.ringUnit')}
        </text>
      </svg>
      <div>
        <p id={summaryId} className="ring__summary">
          {summary}
        </p>
        <ul className="legend">
          {BDTX_PROGRAMS.map((p) => (
            <li key={p.code}>
              <span className="legend__swatch" style={{ background: PROGRAM_COLORS[p.code] }} aria-hidden="true" />
              <span>{t('common.program', { code: p.code })}: </span>
              <strong>{t('common.periods', { value: formatPeriods(progress.byProgram[p.code]) })}</strong>
              <span className="legend__plan"> / {formatPeriods(p.plannedTiet)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
