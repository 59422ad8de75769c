/**
 * Maps a failure from IndexedDB to an i18n key the teacher can act on. Quota and closed-database
 * errors get their own advice; anything else says the edit was not saved, so nothing is lost silently.
 */
export function storageErrorKey(error: unknown): string {
  const name = errorName(error);
  if (name === 'QuotaExceededError') return 'storageErrors.quota';
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError' || name === 'OpenFailedError') return 'storageErrors.closed';
  if (name === 'VersionError' || name === 'UpgradeError') return 'storageErrors.version';
  return 'storageErrors.unknown';
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { name?: string; inner?: unknown };
  // Dexie wraps the native error; the quota cause is in `inner`.
  if (e.inner && errorName(e.inner) === 'QuotaExceededError') return 'QuotaExceededError';
  return e.name ?? '';
}
