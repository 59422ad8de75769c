import { isIsoDate } from '../domain/dates.ts';

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'; anything else as it is (a damaged record never blanks the PDF). */
export function viDate(date: string): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * "ngày 05 tháng 01 năm 2024": Nghị định 30/2020 writes days 1–9 and months 1–2 with a leading zero
 * (so "tháng 9" but "tháng 01", which cannot be altered into "tháng 10"/"tháng 11" by hand).
 */
export function fullDate(date: string): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "Lộc Nga, ngày 05 tháng 01 năm 2024"; without a place name the date line starts with "Ngày". */
export function placeDateLine(placeName: string, date: string): string {
  const line = fullDate(date);
  return placeName ? `${placeName}, ${line}` : line.charAt(0).toUpperCase() + line.slice(1);
}

/** 1.5 → "1,5": decimals with a comma, as written in Vietnam. */
export function periods(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded).replace('.', ',');
}

/** 'yyyy-MM' → "Tháng 9/2023". */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-');
  return `Tháng ${Number(m)}/${y}`;
}

/** ISO timestamp → its day 'yyyy-MM-dd' in Vietnam (UTC+7), where the logbook is kept. */
export function vietnamDay(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp.slice(0, 10);
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}
