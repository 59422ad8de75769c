import { afterEach, describe, expect, it, vi } from 'vitest';
import { getMeta } from '../../../../src/app/db/meta.ts';
import { requestPersistenceAfterFirstSave, storageStatus } from '../../../../src/app/db/storage.ts';
import { freshDb } from './helpers.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', { storage });
}

describe('storage status', () => {
  it('reports unknowns when the browser has no StorageManager', async () => {
    stubStorage(undefined);
    expect(await storageStatus()).toEqual({ persisted: null, usageBytes: null, quotaBytes: null });
  });
  it('reports persistence and usage', async () => {
    stubStorage({ persisted: async () => true, estimate: async () => ({ usage: 1234, quota: 99999 }) });
    expect(await storageStatus()).toEqual({ persisted: true, usageBytes: 1234, quotaBytes: 99999 });
  });
});

describe('persistence request', () => {
  it('asks once, after the first save, and records the answer', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persist });
    const db = freshDb();
    await requestPersistenceAfterFirstSave(db);
    await requestPersistenceAfterFirstSave(db);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await getMeta(db, 'persistence')).toBe('granted');
    expect(await getMeta(db, 'firstSaveAt')).toEqual(expect.any(String));
  });
  it('records a refusal, a failure, and the absence of the API', async () => {
    stubStorage({ persist: async () => false });
    const a = freshDb();
    await requestPersistenceAfterFirstSave(a);
    expect(await getMeta(a, 'persistence')).toBe('denied');
    stubStorage({ persist: () => Promise.reject(new Error('no')) });
    const b = freshDb();
    await requestPersistenceAfterFirstSave(b);
    expect(await getMeta(b, 'persistence')).toBe('denied');
    stubStorage(undefined);
    const c = freshDb();
    await requestPersistenceAfterFirstSave(c);
    expect(await getMeta(c, 'persistence')).toBe('unsupported');
  });
});
