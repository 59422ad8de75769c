import i18next from 'i18next';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type LazyMessages<T> = Widen<T>;

/**
 * Messages of a lazily loaded screen, added under their own top-level key the first time the screen
 * renders, so the first screen's bundle (which carries vi.ts) does not grow with them. Idempotent;
 * call before `t` is used.
 */
export function registerMessages<T extends Record<string, unknown>>(key: string, vi: T, en: Widen<T>): void {
  if (!i18next.isInitialized || i18next.getResource('vi', 'translation', key) !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { [key]: vi }, true, false);
  i18next.addResourceBundle('en', 'translation', { [key]: en }, true, false);
}
