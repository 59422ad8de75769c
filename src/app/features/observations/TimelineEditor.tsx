import { memo, useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outOfOrderRows } from '../../../domain/observationRules.ts';
import type { TimelineRow } from '../../../domain/observations.ts';

export type RowField = 'time' | 'activity' | 'note';

interface Props {
  rows: TimelineRow[];
  onUpdateRow: (id: string, field: RowField, value: string) => void;
  onAddRow: () => void;
  onRemoveRow: (id: string) => void;
  /** Row to focus after it was added (its activity box). */
  focusRowId: string | null;
  error?: string;
}

const rowFormId = (id: string) => `obs-row-${id}-form`;

/**
 * Tiến trình bài dạy: rows in the order typed. A row whose time is earlier than a previous row's is
 * flagged, never moved.
 *
 * Typing a note must stay instant with 50 rows on a phone, so a keystroke costs the same with 1 row
 * or 100: the row's boxes keep their own text (uncontrolled: nothing re-renders while typing; the
 * form reads the text from onUpdateRow), and each row's boxes belong to a small form of their own
 * (TimelineRowForms, through the `form` attribute). Chrome's autofill re-reads the whole form a typed
 * box belongs to on every keystroke; inside the observation's form that was every box of every row.
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

/** The rows' own forms, rendered outside the observation's <form> (forms cannot nest); never submitted. */
export function TimelineRowForms({ rows }: { rows: readonly TimelineRow[] }) {
  const prevent = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  return (
    <div hidden>
      {rows.map((row) => (
        <form key={row.id} id={rowFormId(row.id)} onSubmit={prevent} noValidate />
      ))}
    </div>
  );
}

interface RowProps {
  /** The row's text when it was mounted: the boxes own it from then on. */
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
  const id = row.id;
  const base = `obs-row-${id}`;
  const flagId = `${base}-flag`;
  const form = rowFormId(id);
  return (
    <li className={flagged ? 'timeline__row timeline__row--flagged' : 'timeline__row'} aria-label={t('observations.rowLabel', { number })}>
      <div className="timeline__time">
        <label htmlFor={`${base}-time`}>{t('observations.rowTime')}</label>
        <input
          id={`${base}-time`}
          form={form}
          type="text"
          inputMode="text"
          autoComplete="off"
          defaultValue={row.time}
          onChange={(event) => onUpdate(id, 'time', event.target.value)}
          onKeyDown={(event) => {
            // Enter after the time goes on to the activity (it would otherwise submit the row's form).
            if (event.key !== 'Enter') return;
            event.preventDefault();
            activityRef.current?.focus();
          }}
          aria-invalid={flagged ? true : undefined}
          aria-describedby={flagged ? flagId : undefined}
        />
      </div>
      <div className="timeline__activity">
        <label htmlFor={`${base}-activity`}>{t('observations.rowActivity')}</label>
        <textarea id={`${base}-activity`} form={form} ref={activityRef} rows={2} defaultValue={row.activity} onChange={(event) => onUpdate(id, 'activity', event.target.value)} />
      </div>
      <div className="timeline__note">
        <label htmlFor={`${base}-note`}>{t('observations.rowNote')}</label>
        <textarea id={`${base}-note`} form={form} rows={2} defaultValue={row.note} onChange={(event) => onUpdate(id, 'note', event.target.value)} />
      </div>
      {flagged ? (
        <p id={flagId} className="timeline__flag">
          {t('observations.outOfOrder')}
        </p>
      ) : null}
      <button type="button" className="button button--light timeline__remove" onClick={() => onRemove(id)}>
        {t('observations.removeRow', { number })}
      </button>
    </li>
  );
});
