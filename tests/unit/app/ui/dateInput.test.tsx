// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src/app/i18n/i18n.ts';
import { DateInput } from '../../../../src/app/ui/DateInput.tsx';
import { Field } from '../../../../src/app/ui/Field.tsx';

function DateField({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <Field id="d" label="Ngày" error={value === '' ? 'Hãy chọn ngày.' : undefined}>
      <DateInput value={value} onChange={(e) => setValue(e.target.value)} />
    </Field>
  );
}

afterEach(async () => {
  cleanup();
  await initI18n('vi').changeLanguage('vi');
});

describe('DateInput', () => {
  it('writes the chosen day out in Vietnamese beside the picker, whatever the phone’s language shows', async () => {
    await initI18n('vi').changeLanguage('vi');
    const { container } = render(<DateField initial="2026-12-07" />);
    const input = screen.getByLabelText('Ngày');
    expect(input).toHaveProperty('type', 'date');
    expect(container.querySelector('.date-input__read')?.textContent).toBe('Thứ Hai, 07/12/2026');
    fireEvent.change(input, { target: { value: '2027-01-03' } });
    expect(container.querySelector('.date-input__read')?.textContent).toBe('Chủ Nhật, 03/01/2027');
  });

  it('shows no read-out for an empty date, and the field keeps its error and description', async () => {
    await initI18n('vi').changeLanguage('vi');
    const { container } = render(<DateField initial="2026-12-07" />);
    fireEvent.change(screen.getByLabelText('Ngày'), { target: { value: '' } });
    expect(container.querySelector('.date-input__read')).toBeNull();
    const input = screen.getByLabelText('Ngày');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('d-error');
  });

  it('names the weekday in English when the app is in English', async () => {
    await initI18n('vi').changeLanguage('en');
    const { container } = render(<DateField initial="2026-12-07" />);
    expect(container.querySelector('.date-input__read')?.textContent).toBe('Monday, 07/12/2026');
  });
});
