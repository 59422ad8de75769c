import type { Mutation } from '../sync/protocol.ts';

/** The school year the demo's records are written in (demo.ts, demoRecords.ts). */
export const DEMO_TEMPLATE_YEAR = 2024;

const ISO_YEAR = /\b(20\d\d)(?=-\d\d)/g;
const SCHOOL_YEAR_SPAN = /\b(20\d\d)–(20\d\d)\b/g;

function shiftValue(value: unknown, offset: number, key?: string): unknown {
  if (typeof value === 'string') {
    return value
      .replace(SCHOOL_YEAR_SPAN, (_, a: string, b: string) => `${Number(a) + offset}–${Number(b) + offset}`)
      .replace(ISO_YEAR, (year: string) => String(Number(year) + offset));
  }
  if (typeof value === 'number') return key === 'startYear' ? value + offset : value;
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, offset));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftValue(v, offset, k)]));
  return value;
}

/**
 * The demo's records moved from DEMO_TEMPLATE_YEAR to the school year opening in `startYear`: every
 * screen opens on the current school year (home, semester, leaders' overview, mentor pairs), so a demo
 * seeded in 2024–2025 showed an empty logbook two years later. Dates, times, months ("2024-09") and
 * spans in text ("năm học 2024–2025") move by whole years; record ids stay as they are (opaque).
 */
export function shiftDemoYear(mutations: readonly Mutation[], startYear: number): Mutation[] {
  const offset = startYear - DEMO_TEMPLATE_YEAR;
  if (offset === 0) return [...mutations];
  return mutations.map((mutation) => (mutation.op === 'put' ? { ...mutation, fields: shiftValue(mutation.fields, offset) as Record<string, unknown> } : mutation));
}
