import type { InputHTMLAttributes } from 'react';
import { formatDate, weekdayOf } from './format.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'> & { value: string };

/**
 * The browser's own date picker (the phone's wheel or calendar), with the chosen day written out
 * beside it as "Chủ Nhật, 07/12/2026". The picker shows the date the way the phone's language does:
 * on a phone set to English 07/12 reads as 12/07, a day a teacher could enter wrongly without noticing.
 * The read-out is hidden from screen readers, which announce the picker's own value.
 */
export function DateInput({ value, className, ...input }: Props) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <span className={className ? `date-input ${className}` : 'date-input'}>
      <input {...input} type="date" value={value} />
      {valid ? (
        <span className="date-input__read" aria-hidden="true">
          {weekdayOf(value)}, {formatDate(value)}
        </span>
      ) : null}
    </span>
  );
}
