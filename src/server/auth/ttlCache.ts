/**
 * A small in-memory map whose entries are trusted for `ttlMs`, for facts the store owns (sessions,
 * readable scopes). The store stays the truth:
 * - every change this process makes to what is cached calls `clear()` or `delete()`
 *   (accountsChanged in src/server/store/context.ts), so it counts from the next request;
 * - a change made by another process (the admin CLI, another worker) is seen through
 *   `externalChange` (SQLite's data_version: at once) or, when the store cannot tell (PostgreSQL),
 *   after `ttlMs` (other workers of the same server also tell each other: src/server/cluster.ts).
 *   With several workers on one SQLite file the store changes elsewhere all the time; `fingerprint`
 *   then re-checks an entry with one small read instead of dropping every entry.
 */
export interface TtlCacheOptions {
  ttlMs: number;
  /** Oldest entries are dropped beyond this many. */
  maxEntries: number;
  /** True when another process may have changed the store since the last call. */
  externalChange?: () => boolean;
  /**
   * What the entry's value depends on, read from the store now (e.g. the school's version counter),
   * or null when the entry no longer holds (a revoked session). Read when the entry is stored and again
   * after an external change: the same answer keeps the entry. Without it an external change drops
   * every entry.
   */
  fingerprint?: (key: string) => string | null;
}

interface Slot<V> {
  value: V;
  loadedAt: number;
  /** The external-change epoch in which the entry was last known to hold. */
  epoch: number;
  print: string | null;
}

/** Taken before loading a value; `set` refuses the value when the cache was cleared or the store changed since. */
export interface CacheGeneration {
  clears: number;
  epoch: number;
}

export class TtlCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private clears = 0;
  private epoch = 0;
  constructor(private readonly options: TtlCacheOptions) {}

  private observe(): number {
    if (this.options.externalChange?.()) this.epoch += 1;
    return this.epoch;
  }

  /** The value, or undefined when absent, older than the TTL (or from a clock that went back), or no longer true in the store. */
  get(key: string, now: number): V | undefined {
    const epoch = this.observe();
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (now - slot.loadedAt > this.options.ttlMs || now < slot.loadedAt) {
      this.slots.delete(key);
      return undefined;
    }
    if (slot.epoch !== epoch) {
      const print = this.options.fingerprint ? this.options.fingerprint(key) : null;
      if (print === null || print !== slot.print) {
        this.slots.delete(key);
        return undefined;
      }
      slot.epoch = epoch;
    }
    return slot.value;
  }

  /** Changes on every clear and every external change: a value loaded before either must not be stored after it. */
  get generation(): CacheGeneration {
    return { clears: this.clears, epoch: this.observe() };
  }

  /** Stores `value`, unless the cache was cleared or the store changed elsewhere since `generation` was read. */
  set(key: string, value: V, now: number, generation: CacheGeneration = this.generation): void {
    const epoch = this.observe();
    if (generation.clears !== this.clears || generation.epoch !== epoch) return;
    let print: string | null = null;
    if (this.options.fingerprint) {
      print = this.options.fingerprint(key);
      if (print === null) return;
    }
    this.slots.delete(key);
    this.slots.set(key, { value, loadedAt: now, epoch, print });
    if (this.slots.size > this.options.maxEntries) {
      // A Map iterates in insertion order: the first key is the one loaded longest ago.
      const oldest = this.slots.keys().next().value;
      if (oldest !== undefined) this.slots.delete(oldest);
    }
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
    this.clears += 1;
  }

  /** Keeps the entries, but a value loaded before this call is no longer stored (the caller just changed the store). */
  fence(): void {
    this.clears += 1;
  }

  get size(): number {
    return this.slots.size;
  }
}
