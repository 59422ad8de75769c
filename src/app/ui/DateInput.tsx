import type { InputHTMLAttributes } from 'react';
import { isIsoDate } from '../../domain/dates.ts';
import { formatDate, weekdayOf } from './format.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'> & { value: string };

/**
 * The browser's own date picker (the phone's wheel or calendar), with the chosen day written out
 * beside it as "Chủ Nhật, 07/12/2026". The picker shows the date the way the phone's language does:
 * on a phone set to English 07/12 reads as 12/07, a day a teacher could enter wrongly without noticing.
 * The read-out is hidden from screen readers, which announce the picker's own value.
 */
export function DateInput({ value, className, ...input }: Props) {
  return (
    <span className={className ? `date-input ${className}` : 'date-input'}>
      <input {...input} type="date" value={value} />
      {isIsoDate(value) ? (
        <span className="date-input__read" aria-hidden="true">
          {weekdayOf(value)}, {formatDate(value)}
        </span>
      ) : null}
    </span>
  );
}
