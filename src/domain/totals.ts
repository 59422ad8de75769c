import { BDTX_PROGRAMS, BDTX_YEARLY_TIET, type BdtxProgramCode } from './catalogs/bdtx.ts';
import { monthOf, type IsoDate } from './dates.ts';
import type { Entry } from './records.ts';

type Dated = Pick<Entry, 'date' | 'periods' | 'bdtxProgram'>;

export function sumPeriods(entries: readonly Dated[]): number {
  return entries.reduce((total, e) => total + e.periods, 0);
}

export function entriesBetween<T extends Dated>(entries: readonly T[], from: IsoDate, to: IsoDate): T[] {
  return entries.filter((e) => e.date >= from && e.date <= to);
}

/** Tiết per 'yyyy-MM' for the given months (zero for months without entries). */
export function periodsByMonth(entries: readonly Dated[], months: readonly string[]): Array<{ month: string; periods: number }> {
  const totals = new Map(months.map((m) => [m, 0]));
  for (const e of entries) {
    const key = monthOf(e.date);
    if (totals.has(key)) totals.set(key, (totals.get(key) ?? 0) + e.periods);
  }
  return months.map((month) => ({ month, periods: totals.get(month) ?? 0 }));
}

export interface BdtxProgress {
  readonly byProgram: Record<BdtxProgramCode, number>;
  readonly total: number;
  readonly target: number;
  /** 0..1, capped at 1. */
  readonly ratio: number;
}

export function bdtxProgress(entries: readonly Dated[], target = BDTX_YEARLY_TIET): BdtxProgress {
  const byProgram = Object.fromEntries(BDTX_PROGRAMS.map((p) => [p.code, 0])) as Record<BdtxProgramCode, number>;
  for (const e of entries) {
    if (e.bdtxProgram) byProgram[e.bdtxProgram] += e.periods;
  }
  const total = Object.values(byProgram).reduce((a, b) => a + b, 0);
  return { byProgram, total, target, ratio: target > 0 ? Math.min(1, total / target) : 0 };
}

/** Tiết per BDTX module code (program 03). */
export function periodsByModule(entries: ReadonlyArray<Pick<Entry, 'module' | 'periods'>>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const e of entries) {
    if (e.module) totals.set(e.module, (totals.get(e.module) ?? 0) + e.periods);
  }
  return totals;
}
