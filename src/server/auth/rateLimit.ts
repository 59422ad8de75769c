/**
 * Failed-login limiter, per key ("ip:1.2.3.4", "user:lan"). After `maxFailures` failures within
 * `windowMs`, the key is locked for `lockMs`. Kept in memory: one school server is one process; a
 * restart forgets, which only helps a legitimate user.
 */
export interface LimiterOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  now: () => number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly options: LimiterOptions) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.lockedUntil - this.options.now());
  }

  fail(key: string): void {
    const now = this.options.now();
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((t) => t > now - this.options.windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.options.maxFailures) {
      entry.lockedUntil = now + this.options.lockMs;
      entry.failures = [];
    }
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) this.sweep();
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.options.now();
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil < now && entry.failures.every((t) => t <= now - this.options.windowMs)) this.entries.delete(key);
    }
  }
}
