import { format, isValid, parse } from 'date-fns';

/** A calendar day as 'yyyy-MM-dd'. Strings of this form sort and compare in date order. */
export type IsoDate = string;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  return isValid(parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1)));
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

/** dd/MM/yyyy, the way dates are written in Vietnam. */
export function formatViDate(date: IsoDate): string {
  return format(fromIsoDate(date), 'dd/MM/yyyy');
}

/** Parses dd/MM/yyyy (as typed) into an IsoDate, or null. */
export function parseViDate(value: string): IsoDate | null {
  const trimmed = value.trim();
  if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(trimmed)) return null;
  const date = parse(trimmed, 'd/M/yyyy', new Date(2000, 0, 1));
  return isValid(date) ? toIsoDate(date) : null;
}

/** Months from one month to another inclusive, as 'yyyy-MM'. */
export function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = monthOf(to);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
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
