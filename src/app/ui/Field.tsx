import type { ReactElement, ReactNode } from 'react';
import { cloneElement } from 'react';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactElement<Record<string, unknown>>;
  extra?: ReactNode;
}

/**
 * A label, its control, and the control's hint and error right below it. The error is tied to the
 * control (aria-describedby, aria-invalid) so a screen reader reads it when the field gets focus.
 */
export function Field({ id, label, hint, error, children, extra }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {extra}
    </div>
  );
}
