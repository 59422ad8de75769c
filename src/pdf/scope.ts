import type { Annotation } from '../domain/annotations.ts';
import type { Observation, ObservedLesson } from '../domain/observations.ts';
import type { Entry, Reflection } from '../domain/records.ts';
import { semesterRange, type SemesterCode } from '../domain/schoolYear.ts';
import { monthsBetween } from '../domain/dates.ts';
import type { ExportPeriod, LogbookInput } from './types.ts';

/** The records of the chosen school year and period, sorted as they are printed. */
export interface PeriodData {
  readonly period: ExportPeriod;
  readonly semesters: readonly SemesterCode[];
  readonly from: string;
  readonly to: string;
  readonly months: readonly string[];
  readonly entries: readonly Entry[];
  readonly monthReflections: ReadonlyMap<string, Reflection>;
  readonly semesterReflections: ReadonlyMap<SemesterCode, Reflection>;
  readonly observations: readonly Observation[];
  readonly observedLessons: readonly ObservedLesson[];
  /** Annotations by target id, oldest first. */
  readonly annotationsOf: (targetId: string) => readonly Annotation[];
}

const byDate = <T extends { date: string; createdAt?: string }>(a: T, b: T) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : (a.createdAt ?? '') < (b.createdAt ?? '') ? -1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? 1 : 0;

export function periodData(input: LogbookInput, period: ExportPeriod): PeriodData {
  const year = input.schoolYear;
  const semesters: SemesterCode[] = period === 'year' ? ['HK1', 'HK2'] : [period];
  const from = period === 'HK2' ? semesterRange(year, 'HK2').from : year.hk1Start;
  const to = period === 'HK1' ? semesterRange(year, 'HK1').to : year.hk2End;
  const inRange = (date: string) => date >= from && date <= to;
  const ofYear = <T extends { schoolYearId: string }>(r: T) => r.schoolYearId === year.id;

  const monthReflections = new Map<string, Reflection>();
  const semesterReflections = new Map<SemesterCode, Reflection>();
  for (const r of input.reflections.filter(ofYear)) {
    if (r.kind === 'month') monthReflections.set(r.period, r);
    else if (semesters.includes(r.period as SemesterCode)) semesterReflections.set(r.period as SemesterCode, r);
  }

  const annotations = new Map<string, Annotation[]>();
  for (const a of input.annotations) {
    const list = annotations.get(a.targetId) ?? [];
    list.push(a);
    annotations.set(a.targetId, list);
  }
  for (const list of annotations.values()) list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

  return {
    period,
    semesters,
    from,
    to,
    months: monthsBetween(from, to),
    entries: input.entries.filter((e) => ofYear(e) && inRange(e.date)).sort(byDate),
    monthReflections,
    semesterReflections,
    observations: input.observations.filter((o) => ofYear(o) && inRange(o.date)).sort(byDate),
    observedLessons: input.observedLessons.filter((o) => ofYear(o) && inRange(o.date)).sort(byDate),
    annotationsOf: (targetId) => annotations.get(targetId) ?? [],
  };
}
