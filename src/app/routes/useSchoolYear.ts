import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { SchoolYear } from '../../domain/records.ts';
import { currentStartYear } from '../../domain/schoolYear.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { ensureSchoolYearNow, listSchoolYears } from '../db/schoolYears.ts';
import { todayIso } from '../ui/format.ts';

/**
 * The school year opening in startYear (default: the current one), created with default semester
 * dates the first time it is needed. Undefined while loading.
 */
export function useSchoolYear(startYear?: number): SchoolYear | undefined {
  const db = useDatabase();
  const years = useLiveQuery(() => listSchoolYears(db), [db]);
  const wanted = years ? (startYear ?? currentStartYear(todayIso(), years)) : undefined;
  const year = years?.find((y) => y.startYear === wanted);
  const missing = years !== undefined && wanted !== undefined && !year;

  useEffect(() => {
    if (missing && wanted !== undefined) void ensureSchoolYearNow(db, wanted);
  }, [db, missing, wanted]);

  return year;
}

/** ?nam=2023 in the address picks an earlier school year; anything else means the current one. */
export function startYearParam(value: string | null): number | undefined {
  const year = Number(value);
  return value && Number.isInteger(year) && year >= 2000 && year < 2100 ? year : undefined;
}
