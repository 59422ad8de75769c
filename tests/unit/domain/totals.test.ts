import { describe, expect, it } from 'vitest';
import { bdtxProgress, entriesBetween, periodsByModule, periodsByMonth, sumPeriods } from '../../../src/domain/totals.ts';
import type { Entry } from '../../../src/domain/records.ts';

type E = Pick<Entry, 'date' | 'periods' | 'bdtxProgram' | 'module'>;
const e = (date: string, periods: number, bdtxProgram: E['bdtxProgram'] = null, module: string | null = null): E => ({ date, periods, bdtxProgram, module });

const entries: E[] = [
  e('2023-09-10', 2, '01'),
  e('2023-09-30', 1.5, '02'),
  e('2023-11-02', 4, '03', 'GVPT 04'),
  e('2024-01-14', 3, '03', 'GVPT 04'),
  e('2024-01-15', 2, '03', 'GVPT 15'),
  e('2024-02-01', 0.25, null),
];

describe('totals', () => {
  it('sums periods exactly at quarter-tiết resolution', () => {
    expect(sumPeriods(entries)).toBe(12.75);
    expect(sumPeriods([])).toBe(0);
  });
  it('selects entries between two days inclusive', () => {
    expect(entriesBetween(entries, '2023-11-02', '2024-01-14').map((x) => x.date)).toEqual(['2023-11-02', '2024-01-14']);
  });
  it('gives every requested month, zero when empty, and ignores months not asked for', () => {
    expect(periodsByMonth(entries, ['2023-09', '2023-10', '2023-11', '2023-12', '2024-01'])).toEqual([
      { month: '2023-09', periods: 3.5 },
      { month: '2023-10', periods: 0 },
      { month: '2023-11', periods: 4 },
      { month: '2023-12', periods: 0 },
      { month: '2024-01', periods: 5 },
    ]);
  });
  it('splits BDTX by program and leaves out entries outside BDTX', () => {
    const p = bdtxProgress(entries);
    expect(p.byProgram).toEqual({ '01': 2, '02': 1.5, '03': 9 });
    expect(p.total).toBe(12.5);
    expect(p.target).toBe(120);
    expect(p.ratio).toBeCloseTo(12.5 / 120, 10);
  });
  it('caps progress at 1 and copes with a zero target', () => {
    const many = Array.from({ length: 15 }, () => e('2024-03-01', 10, '01'));
    expect(bdtxProgress(many).ratio).toBe(1);
    expect(bdtxProgress(many).total).toBe(150);
    expect(bdtxProgress(many, 0).ratio).toBe(0);
    expect(bdtxProgress([]).ratio).toBe(0);
  });
  it('totals tiết per module', () => {
    expect([...periodsByModule(entries)]).toEqual([
      ['GVPT 04', 7],
      ['GVPT 15', 2],
    ]);
  });
});
