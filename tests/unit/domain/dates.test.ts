import { describe, expect, it } from 'vitest';
import { formatViDate, fromIsoDate, isIsoDate, monthOf, monthsBetween, parseViDate, toIsoDate } from '../../../src/domain/dates.ts';

describe('ISO days', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-30')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate('05/09/2023')).toBe(false);
  });
  it('converts to and from Date in local time', () => {
    expect(toIsoDate(new Date(2023, 8, 5))).toBe('2023-09-05');
    expect(toIsoDate(fromIsoDate('2024-01-31'))).toBe('2024-01-31');
    expect(monthOf('2024-01-31')).toBe('2024-01');
  });
});

describe('Vietnamese dates dd/MM/yyyy', () => {
  it('formats with leading zeros', () => {
    expect(formatViDate('2023-09-05')).toBe('05/09/2023');
    expect(formatViDate('2024-12-25')).toBe('25/12/2024');
  });
  it('does not throw on a value that is not a day (shows it as it is)', () => {
    expect(formatViDate('')).toBe('');
    expect(formatViDate('2024-02-30')).toBe('2024-02-30');
  });
  it('parses what a teacher types', () => {
    expect(parseViDate('05/09/2023')).toBe('2023-09-05');
    expect(parseViDate('5/9/2023')).toBe('2023-09-05');
    expect(parseViDate(' 29/02/2024 ')).toBe('2024-02-29');
  });
  it.each(['31/02/2024', '29/02/2023', '00/01/2024', '32/01/2024', '01/13/2024', '2024-01-01', '1/1/24', '', 'abc', '01/01/0000'])('refuses %j', (value) => {
    expect(parseViDate(value)).toBeNull();
  });
  it('round-trips format → parse', () => {
    for (const day of ['2000-01-01', '2023-09-05', '2024-02-29', '2099-12-31']) expect(parseViDate(formatViDate(day))).toBe(day);
  });
});

describe('monthsBetween', () => {
  it('spans a year end, inclusive at both ends', () => {
    expect(monthsBetween('2023-11-30', '2024-02-01')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
  it('gives one month when both days share it', () => {
    expect(monthsBetween('2024-03-01', '2024-03-31')).toEqual(['2024-03']);
  });
  it('is empty when the range is reversed', () => {
    expect(monthsBetween('2024-05-01', '2024-03-01')).toEqual([]);
  });
  it('is empty (and terminates) on a malformed day', () => {
    expect(monthsBetween('', '2024-03-01')).toEqual([]);
    expect(monthsBetween('2024-03-01', '')).toEqual([]);
  });
});
