/**
 * A write refused before it reached IndexedDB because the record breaks a rule the UI should have
 * caught (an over-long text, a period that does not match its kind). `key` is the i18n key to show.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly key: string,
    message = key,
  ) {
    super(message);
  }
}

/**
 * Maps a failure from IndexedDB to an i18n key the teacher can act on. Quota and closed-database
 * errors get their own advice; anything else says the edit was not saved, so nothing is lost silently.
 */
export function storageErrorKey(error: unknown): string {
  if (error instanceof ValidationError) return error.key;
  if (isQuotaError(error)) return 'storageErrors.quota';
  const name = errorName(error);
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError' || name === 'OpenFailedError') return 'storageErrors.closed';
  if (name === 'VersionError' || name === 'UpgradeError') return 'storageErrors.version';
  return 'storageErrors.unknown';
}

/** Names browsers give a full disk: the standard one, Firefox's, and old WebKit's code 22. */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True when the failure, or anything it wraps, is a quota error. Dexie wraps the native error in
 * `inner` (an AbortError of the transaction carries the cause there), a BulkError lists its causes in
 * `failures`, and standard errors may carry `cause`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  if (e.code === 22 && e.name !== 'DataError') return true;
  const nested: unknown[] = [e.inner, e.cause];
  if (Array.isArray(e.failures)) nested.push(...e.failures);
  else if (e.failuresByPos && typeof e.failuresByPos === 'object') nested.push(...Object.values(e.failuresByPos));
  return nested.some((n) => isQuotaError(n, depth + 1));
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}
