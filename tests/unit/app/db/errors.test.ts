import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isQuotaError, storageErrorKey, ValidationError } from '../../../../src/app/db/errors.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storageErrorKey', () => {
  it('maps a native quota error', () => {
    expect(storageErrorKey(quota())).toBe('storageErrors.quota');
  });
  it('maps a quota error wrapped by Dexie in `inner`, at any depth', () => {
    const abort = new Dexie.AbortError('Transaction aborted', quota());
    expect(abort.name).toBe('AbortError');
    expect(storageErrorKey(abort)).toBe('storageErrors.quota');
    expect(storageErrorKey({ name: 'DatabaseClosedError', inner: { name: 'AbortError', inner: quota() } })).toBe('storageErrors.quota');
    expect(storageErrorKey(new Dexie.QuotaExceededError('full'))).toBe('storageErrors.quota');
  });
  it('maps a quota error inside a Dexie BulkError or an Error cause', () => {
    expect(storageErrorKey(new Dexie.BulkError('bulk failed', [quota()]))).toBe('storageErrors.quota');
    expect(storageErrorKey(new Error('save failed', { cause: quota() }))).toBe('storageErrors.quota');
  });
  it('maps Firefox and old WebKit spellings of a full disk', () => {
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
  });
  it('maps closed, version and unknown failures', () => {
    expect(storageErrorKey(new Dexie.DatabaseClosedError())).toBe('storageErrors.closed');
    expect(storageErrorKey(new DOMException('x', 'InvalidStateError'))).toBe('storageErrors.closed');
    expect(storageErrorKey(new Dexie.OpenFailedError('x'))).toBe('storageErrors.closed');
    expect(storageErrorKey(new Dexie.VersionError('x'))).toBe('storageErrors.version');
    expect(storageErrorKey(new Dexie.UpgradeError('x'))).toBe('storageErrors.version');
    expect(storageErrorKey(new Error('boom'))).toBe('storageErrors.unknown');
    expect(storageErrorKey(new Dexie.AbortError('aborted'))).toBe('storageErrors.unknown');
    expect(storageErrorKey('a string')).toBe('storageErrors.unknown');
    expect(storageErrorKey(null)).toBe('storageErrors.unknown');
  });
  it('gives the key of a validation error', () => {
    expect(storageErrorKey(new ValidationError('errors.tooLong'))).toBe('errors.tooLong');
  });
  it('does not loop on a self-referencing error', () => {
    const e: { name: string; inner?: unknown } = { name: 'AbortError' };
    e.inner = e;
    expect(storageErrorKey(e)).toBe('storageErrors.unknown');
  });
});
