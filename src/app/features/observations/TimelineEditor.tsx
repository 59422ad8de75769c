import { memo, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { outOfOrderRows } from '../../../domain/observationRules.ts';
import type { TimelineRow } from '../../../domain/observations.ts';

type RowField = 'time' | 'activity' | 'note';

interface Props {
  rows: TimelineRow[];
  onUpdateRow: (id: string, field: RowField, value: string) => void;
  onAddRow: () => void;
  onRemoveRow: (id: string) => void;
  /** Row to focus after it was added (its activity box). */
  focusRowId: string | null;
  error?: string;
}

/**
 * Tiến trình bài dạy: rows in the order typed. A row whose time is earlier than a previous row's is
 * flagged, never moved. Rows are memoised: typing in one row re-renders only that row, so a long
 * timeline stays quick on a phone.
 */
export function TimelineEditor({ rows, onUpdateRow, onAddRow, onRemoveRow, focusRowId, error }: Props) {
  const { t } = useTranslation();
  const flagged = outOfOrderRows(rows);
  return (
    <fieldset className="timeline" aria-describedby="obs-timeline-hint">
      <legend>{t('observations.timeline')}</legend>
      <p id="obs-timeline-hint" className="field__hint">
        {t('observations.timelineHint')}
      </p>
      {rows.length === 0 ? <p className="empty">{t('observations.timelineEmpty')}</p> : null}
      <ol className="timeline__rows">
        {rows.map((row, index) => (
          <TimelineRowEditor
            key={row.id}
            row={row}
            number={index + 1}
            flagged={flagged.has(row.id)}
            autoFocus={row.id === focusRowId}
            onUpdate={onUpdateRow}
            onRemove={onRemoveRow}
          />
        ))}
      </ol>
      {error ? <p className="field__error">{t(error)}</p> : null}
      <button type="button" className="button button--secondary timeline__add" onClick={onAddRow}>
        + {t('observations.addRow')}
      </button>
    </fieldset>
  );
}

interface RowProps {
  row: TimelineRow;
  number: number;
  flagged: boolean;
  autoFocus: boolean;
  onUpdate: (id: string, field: RowField, value: string) => void;
  onRemove: (id: string) => void;
}

const TimelineRowEditor = memo(function TimelineRowEditor({ row, number, flagged, autoFocus, onUpdate, onRemove }: RowProps) {
  const { t } = useTranslation();
  const activityRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) activityRef.current?.focus();
  }, [autoFocus]);
  const set = useCallback((field: RowField) => (event: { target: { value: string } }) => onUpdate(row.id, field, event.target.value), [onUpdate, row.id]);
  const base = `obs-row-${row.id}`;
  const flagId = `${base}-flag`;
  return (
    <li className={flagged ? 'timeline__row timeline__row--flagged' : 'timeline__row'} aria-label={t('observations.rowLabel', { number })}>
      <div className="timeline__time">
        <label htmlFor={`${base}-time`}>{t('observations.rowTime')}</label>
        <input
          id={`${base}-time`}
          type="text"
          inputMode="text"
          autoComplete="off"
          value={row.time}
          onChange={set('time')}
          aria-invalid={flagged ? true : undefined}
          aria-describedby={flagged ? flagId : undefined}
        />
      </div>
      <div className="timeline__activity">
        <label htmlFor={`${base}-activity`}>{t('observations.rowActivity')}</label>
        <textarea id={`${base}-activity`} ref={activityRef} rows={2} value={row.activity} onChange={set('activity')} />
      </div>
      <div className="timeline__note">
        <label htmlFor={`${base}-note`}>{t('observations.rowNote')}</label>
        <textarea id={`${base}-note`} rows={2} value={row.note} onChange={set('note')} />
      </div>
      {flagged ? (
        <p id={flagId} className="timeline__flag">
          {t('observations.outOfOrder')}
        </p>
      ) : null}
      <button type="button" className="button button--light timeline__remove" onClick={() => onRemove(row.id)}>
        {t('observations.removeRow', { number })}
      </button>
    </li>
  );
});
