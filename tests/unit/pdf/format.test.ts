import { describe, expect, it } from 'vitest';
import { fullDate, periods, placeDateLine, vietnamDay } from '../../../src/pdf/format.ts';

describe('dates and numbers of the official document', () => {
  it('writes days 1–9 and months 1–2 with a leading zero', () => {
    expect(placeDateLine('Lộc Nga', '2024-01-05')).toBe('Lộc Nga, ngày 05 tháng 01 năm 2024');
    expect(fullDate('2023-09-05')).toBe('ngày 05 tháng 9 năm 2023');
    expect(fullDate('2023-12-25')).toBe('ngày 25 tháng 12 năm 2023');
    expect(fullDate('2024-02-10')).toBe('ngày 10 tháng 02 năm 2024');
  });

  it('starts with "Ngày" when the school has no place name', () => {
    expect(placeDateLine('', '2024-03-08')).toBe('Ngày 08 tháng 3 năm 2024');
  });

  it('writes decimals with a comma and days in Vietnam time', () => {
    expect(periods(1.5)).toBe('1,5');
    expect(periods(12)).toBe('12');
    expect(vietnamDay('2024-01-04T18:30:00.000Z')).toBe('2024-01-05');
  });
});
