import type { OverviewTeacher } from '../../sync/leaderApi.ts';

/**
 * What the leaders' overview computes from one logbook's own records for one semester: everything of
 * an overview row except who the teacher is (name, tổ, active), her last sync and the minimums, which
 * are read on every request.
 */
export type ScopeSummary = Pick<OverviewTeacher, 'entries' | 'tietByProgram' | 'tietTotal' | 'observations' | 'observedLessons' | 'innovationTopic' | 'skkn' | 'confirmations'>;

/**
 * Scope summaries in memory, each stored with the stamp it was computed for: the logbook's revision
 * and purge horizon as the request read them from the store, and the school's semester dates. Every
 * change to a logbook's records (a push, a confirmation, a restored record, the tombstone purge) moves
 * its revision or its purge horizon in the same transaction, so an entry whose stamp is not the one
 * just read is computed again: the overview shows every change at once, in every server process,
 * without being told. Nothing here decides who may read what: entries are only looked up for the
 * scopes the request's authorised query returned, and figures computed while accounts changed (the
 * access cache was cleared: accountsChanged) are not kept, since the authorised queries may have
 * left a logbook's records out half-way. Bounded: the least recently used go first.
 */
export class OverviewCache {
  private readonly entries = new Map<string, { stamp: string; summary: ScopeSummary }>();
  constructor(readonly maxEntries = 20_000) {}

  get(key: string, stamp: string): ScopeSummary | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.stamp !== stamp) return undefined;
    this.entries.set(key, entry);
    return entry.summary;
  }

  set(key: string, stamp: string, summary: ScopeSummary): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, summary });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
