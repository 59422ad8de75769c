/**
 * Failed-login limiter, per key ("ip:1.2.3.4", "user:lan"). After `maxFailures` failures within
 * `windowMs`, the key is locked for `lockMs`. Kept in memory by one process: the server itself, or
 * with several workers the cluster's primary (src/server/cluster.ts), which the workers ask through
 * a LoginGuard. A restart forgets, which only helps a legitimate user.
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

const MINUTE = 60_000;

/** Failures allowed per IP and per account within 15 minutes, then 15 minutes locked. */
export const LOGIN_LIMITS = {
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const;

/** The login and activation routes' view of the limits: local, or the cluster primary's. */
export interface LoginGuard {
  /** Milliseconds until this IP and account may try again (the longer of the two); 0 when now. */
  retryAfter(ip: string, username: string): Promise<number>;
  /** A failed login or activation: counts against the IP and the account. */
  failed(ip: string, username: string): Promise<void>;
  /** A successful one: the account's failures are forgotten (the IP's are not). */
  succeeded(username: string): Promise<void>;
}

export function localLoginGuard(ipLimiter: FailureLimiter, accountLimiter: FailureLimiter): LoginGuard {
  return {
    async retryAfter(ip, username) {
      return Math.max(ipLimiter.retryAfter(`ip:${ip}`), accountLimiter.retryAfter(`user:${username}`));
    },
    async failed(ip, username) {
      ipLimiter.fail(`ip:${ip}`);
      accountLimiter.fail(`user:${username}`);
    },
    async succeeded(username) {
      accountLimiter.succeed(`user:${username}`);
    },
  };
}
