import { format, isValid, parse } from 'date-fns';

/** A calendar day as 'yyyy-MM-dd'. Strings of this form sort and compare in date order. */
export type IsoDate = string;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar day in 'yyyy-MM-dd'. Checked by hand rather than with date-fns `parse`: this runs on
 * the first screen, and `parse` alone weighs ~8 KB gzip.
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

export function fromIsoDate(value: IsoDate): Date {
  return parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

/** 'yyyy-MM' of a day. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/**
 * dd/MM/yyyy, the way dates are written in Vietnam. A value that is not a real day (a damaged record,
 * a half-typed field) is shown as it is rather than throwing, so one bad record cannot blank a screen.
 */
export function formatViDate(date: IsoDate): string {
  if (!isIsoDate(date)) return date;
  return format(fromIsoDate(date), 'dd/MM/yyyy');
}

/** Parses dd/MM/yyyy (as typed) into an IsoDate, or null. */
export function parseViDate(value: string): IsoDate | null {
  const trimmed = value.trim();
  if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(trimmed)) return null;
  const date = parse(trimmed, 'd/M/yyyy', new Date(2000, 0, 1));
  if (!isValid(date)) return null;
  // Year 0 parses but is no real record date, and its ISO form would not round-trip.
  const iso = toIsoDate(date);
  return isIsoDate(iso) && iso >= '0001-01-01' ? iso : null;
}

const MONTH_PREFIX = /^\d{4}-(0[1-9]|1[0-2])/;

/** Months from one month to another inclusive, as 'yyyy-MM'; empty when either end is not a day. */
export function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  // Number('') is 0: without this guard a blank date produced months '0-00', '0-01', … up to `to`.
  if (!MONTH_PREFIX.test(from) || !MONTH_PREFIX.test(to)) return months;
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = monthOf(to);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > endKey) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
