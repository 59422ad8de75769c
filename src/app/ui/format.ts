import i18next from 'i18next';
import type { Localized } from '../../domain/catalogs/localized.ts';

function locale(): string {
  return i18next.language === 'en' ? 'en-GB' : 'vi-VN';
}

/** 1.5 → "1,5" in Vietnamese: teachers write decimals with a comma. */
export function formatPeriods(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);
}

/** dd/MM/yyyy from 'yyyy-MM-dd', by hand: date-fns parsing is too heavy for the first screen. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** 'yyyy-MM-dd' → "Chủ Nhật" (in English "Sunday"). */
export function weekdayOf(date: string): string {
  const lang = locale();
  let format = weekdayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    weekdayFormats.set(lang, format);
  }
  const [y, m, d] = date.split('-').map(Number);
  const day = format.format(new Date(Date.UTC(y!, m! - 1, d!, 12)));
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/**
 * dd/MM/yyyy HH:mm (HH:mm:ss with `seconds`) of an ISO time, in the device's time zone — as every screen
 * writes times. A value that is not a time is shown as it is rather than as "NaN".
 */
export function formatDateTime(iso: string, seconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${seconds ? `:${two(d.getSeconds())}` : ''}`;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

export function localized(label: Localized): string {
  return i18next.language === 'en' ? label.en : label.vi;
}

/** A short, single-paragraph preview: list rows must stay small even when a field holds 100 KB. */
export function preview(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
