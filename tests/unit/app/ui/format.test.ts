import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../../src/app/ui/format.ts';

describe('formatDateTime', () => {
  it('writes a time the way every screen does: dd/MM/yyyy HH:mm in the device’s time zone, seconds when asked', () => {
    const local = new Date(2026, 11, 7, 6, 5, 9).toISOString();
    expect(formatDateTime(local)).toBe('07/12/2026 06:05');
    expect(formatDateTime(local, true)).toBe('07/12/2026 06:05:09');
  });

  it('shows a value that is not a time as it is', () => {
    expect(formatDateTime('chưa rõ')).toBe('chưa rõ');
  });
});
