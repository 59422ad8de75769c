// Built by tests/bench/initialSync.ts and served by the real server (same origin as /api). It runs
// the app's own sync engine — syncOnce with the app's ServerApi and Dexie database — and times it.
import { getDatabase } from '../../../src/app/db/database.ts';
import { indexPendingEntries } from '../../../src/app/db/searchIndex.ts';
import { ServerApi } from '../../../src/app/sync/api.ts';
import { syncOnce, type SyncRunResult } from '../../../src/app/sync/engine.ts';
import type { SyncRequest, SyncResponse } from '../../../src/sync/protocol.ts';

/** The app's ServerApi, with the time spent waiting for answers (network + server + JSON) summed. */
class TimedApi extends ServerApi {
  waitMs = 0;
  override async sync(token: string, body: SyncRequest): Promise<SyncResponse> {
    const t0 = performance.now();
    try {
      return await super.sync(token, body);
    } finally {
      this.waitMs += performance.now() - t0;
    }
  }
}

const syncBench = {
  async initialSync(token: string, userId: string, scopeId: string): Promise<SyncRunResult & { ms: number; waitMs: number; entries: number; schoolYears: number; foreign: number }> {
    const db = getDatabase();
    await db.open();
    const api = new TimedApi(location.origin);
    const t0 = performance.now();
    const run = await syncOnce(db, api, token, userId, scopeId);
    const elapsed = performance.now() - t0;
    // foreign: records of other people's logbooks (the "mentor" part).
    return { ...run, ms: elapsed, waitMs: api.waitMs, entries: await db.entries.count(), schoolYears: await db.schoolYears.count(), foreign: await db.foreign.count() };
  },
  /** What the app does after a sync (SyncController): the pulled entries' search keys, here without idle pauses. */
  async buildSearchKeys(): Promise<{ indexed: number; ms: number }> {
    const t0 = performance.now();
    const indexed = await indexPendingEntries(getDatabase(), { pause: async () => {} });
    return { indexed, ms: performance.now() - t0 };
  },
};

declare global {
  interface Window {
    syncBench: typeof syncBench;
  }
}
window.syncBench = syncBench;
document.getElementById('status')?.setAttribute('data-ready', '1');
