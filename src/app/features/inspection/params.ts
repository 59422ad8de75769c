import { useSearch } from 'wouter';
import { currentStartYear } from '../../../domain/schoolYear.ts';
import type { OverviewTeacher } from '../../../sync/leaderApi.ts';
import { NetworkError, ServerError } from '../../sync/api.ts';
import { todayIso } from '../../ui/format.ts';

export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof NetworkError) return t('inspection.networkFailed');
  if (error instanceof ServerError) return error.message;
  return t('inspection.unexpected');
}

/** Year, semester and tổ of the overview, kept in the address so "back" from a logbook returns to them. */
export function useInspectionParams() {
  const search = new URLSearchParams(useSearch());
  const year = Number(search.get('nam')) || currentStartYear(todayIso(), []);
  const semester: 'HK1' | 'HK2' = search.get('hk') === 'HK2' ? 'HK2' : 'HK1';
  const department = search.get('to') ?? '';
  return { year, semester, department };
}

export function inspectionSearch(params: { year: number; semester: string; department?: string }): string {
  const search = new URLSearchParams({ nam: String(params.year), hk: params.semester });
  if (params.department) search.set('to', params.department);
  return search.toString();
}

export function confirmationState(row: Pick<OverviewTeacher, 'confirmations'>): 'none' | 'edited' | 'confirmed' {
  if (row.confirmations.length === 0) return 'none';
  return row.confirmations.some((c) => c.changedCount > 0) ? 'edited' : 'confirmed';
}

