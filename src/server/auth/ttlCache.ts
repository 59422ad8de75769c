/**
 * A small in-memory map whose entries are trusted for `ttlMs`, for facts the store owns (sessions,
 * readable scopes). The store stays the truth:
 * - every change this process makes to what is cached calls `clear()` or `delete()`
 *   (accountsChanged in src/server/store/context.ts), so it counts from the next request;
 * - a change made by another process (the admin CLI) is seen through `externalChange` (SQLite's
 *   data_version: at once) or, when the store cannot tell (PostgreSQL), after `ttlMs`.
 */
export interface TtlCacheOptions {
  ttlMs: number;
  /** Oldest entries are dropped beyond this many. */
  maxEntries: number;
  /** True when another process may have changed the store since the last call. */
  externalChange?: () => boolean;
}

interface Slot<V> {
  value: V;
  loadedAt: number;
}

export class TtlCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private clears = 0;
  constructor(private readonly options: TtlCacheOptions) {}

  /** The value, or undefined when absent, older than the TTL (or from a clock that went back), or the store changed elsewhere. */
  get(key: string, now: number): V | undefined {
    if (this.options.externalChange?.()) this.clear();
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (now - slot.loadedAt > this.options.ttlMs || now < slot.loadedAt) {
      this.slots.delete(key);
      return undefined;
    }
    return slot.value;
  }

  /** Changes on every clear: a value loaded before a clear must not be stored after it. */
  get generation(): number {
    return this.clears;
  }

  /** Stores `value`, unless the cache was cleared since `generation` was read (the value may be stale). */
  set(key: string, value: V, now: number, generation = this.clears): void {
    if (generation !== this.clears) return;
    this.slots.delete(key);
    this.slots.set(key, { value, loadedAt: now });
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

  get size(): number {
    return this.slots.size;
  }
}
