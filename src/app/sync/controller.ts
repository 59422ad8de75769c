import { liveQuery, type Subscription } from 'dexie';
import type { SessionResponse } from '../../sync/protocol.ts';
import type { LogbookDatabase } from '../db/database.ts';
import { NetworkError, ServerApi, ServerError, type FetchLike } from './api.ts';
import { getConnection, readMeta, type Connection } from './state.ts';

/**
 * When to sync, one tab at a time, and the status the UI shows (architecture.md, Sync):
 * at start, on `online`, on becoming visible, ~2 s after a write, and on a jittered timer with
 * exponential backoff after failures. `navigator.onLine` is only a hint: a failed request decides.
 */
/** 'needs-login' is the paused state: nothing is sent until the teacher logs in again. */
export type SyncPhase = 'not-connected' | 'idle' | 'syncing' | 'offline' | 'error' | 'needs-login';

export interface SyncStatus {
  phase: SyncPhase;
  /** Outbox rows not yet acknowledged by the server, that this account can send. */
  pending: number;
  /**
   * Rows of the logbook on this device that this account never sends: it has no logbook of its own on
   * the server (a leader or admin only). Kept, not counted as pending: they would never go.
   */
  heldLocally: number;
  lastSyncedAt: string | null;
  /** Vietnamese text from the server, or a key of sync.errors.* for local reasons. */
  lastError: string | null;
  /** The error is the server's own words (show as is) rather than an i18n key. */
  lastErrorFromServer: boolean;
  connection: Connection | null;
}

export interface ControllerOptions {
  fetch?: FetchLike;
  /** Delay after a write before syncing (ms). */
  debounceMs?: number;
  /** Regular interval (ms), jittered ±20 %. */
  intervalMs?: number;
  /** First retry delay after a failure (ms), doubled each time up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

/** The engine (and the zod schemas it uses) loads on first use, keeping the first screen small. */
const loadEngine = () => import('./engine.ts');
const loadSearchIndex = () => import('../db/searchIndex.ts');

const INITIAL: SyncStatus = { phase: 'not-connected', pending: 0, heldLocally: 0, lastSyncedAt: null, lastError: null, lastErrorFromServer: false, connection: null };

/** Outbox rows to send, and those held because the account has no logbook of its own (rows without scopeId). */
async function outboxCounts(db: LogbookDatabase): Promise<{ pending: number; heldLocally: number }> {
  const [total, connection] = await Promise.all([db.outbox.count(), getConnection(db)]);
  if (!connection || connection.user.scopeId) return { pending: total, heldLocally: 0 };
  const heldLocally = await db.outbox.filter((row) => !row.scopeId).count();
  return { pending: total - heldLocally, heldLocally };
}

export class SyncController {
  private status: SyncStatus = INITIAL;
  private listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private outboxWatch: Subscription | null = null;
  private indexing: Promise<void> | null = null;
  private started = false;
  private lastPending = -1;
  private readonly options: Required<Omit<ControllerOptions, 'fetch'>> & { fetch?: FetchLike };

  constructor(
    readonly db: LogbookDatabase,
    options: ControllerOptions = {},
  ) {
    this.options = {
      debounceMs: 2000,
      intervalMs: 5 * 60_000,
      backoffMs: 10_000,
      maxBackoffMs: 5 * 60_000,
      random: Math.random,
      ...options,
    };
  }

  // ─── Status store (useSyncExternalStore) ──────────────────────────────────────────────────────
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SyncStatus => this.status;

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  api(serverUrl: string): ServerApi {
    return new ServerApi(serverUrl, this.options.fetch);
  }

  // ─── Life cycle ───────────────────────────────────────────────────────────────────────────────
  start(): void {
    if (this.started) return;
    this.started = true;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
      document.addEventListener('visibilitychange', this.onVisible);
    }
    this.outboxWatch = liveQuery(() => outboxCounts(this.db)).subscribe({
      next: ({ pending, heldLocally }) => {
        const grew = this.lastPending >= 0 && pending > this.lastPending;
        this.lastPending = pending;
        this.set({ pending, heldLocally });
        if (grew) this.scheduleSoon();
      },
      error: () => {},
    });
    void this.refresh().then(() => this.syncNow());
  }

  stop(): void {
    this.started = false;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
      document.removeEventListener('visibilitychange', this.onVisible);
    }
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = this.debounce = null;
  }

  private onOnline = () => void this.syncNow();
  private onOffline = () => {
    if (this.status.phase === 'idle' || this.status.phase === 'syncing') this.set({ phase: 'offline' });
  };
  private onVisible = () => {
    if (document.visibilityState === 'visible') void this.syncNow();
  };

  private scheduleSoon(): void {
    if (!this.started) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.syncNow();
    }, this.options.debounceMs);
  }

  private scheduleNext(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started) return;
    const { intervalMs, backoffMs, maxBackoffMs, random } = this.options;
    const base = this.failures > 0 ? Math.min(maxBackoffMs, backoffMs * 2 ** (this.failures - 1)) : intervalMs;
    const delay = base * (0.8 + 0.4 * random());
    this.timer = setTimeout(() => void this.syncNow(), delay);
  }

  /** Re-reads the stored connection, pending count and last sync time. */
  async refresh(): Promise<void> {
    const [connection, { pending, heldLocally }, lastSyncedAt] = await Promise.all([getConnection(this.db), outboxCounts(this.db), readMeta(this.db, 'sync.lastSyncedAt')]);
    this.lastPending = pending;
    const phase: SyncPhase = !connection ? 'not-connected' : connection.needsLogin || !connection.token ? 'needs-login' : this.status.phase === 'not-connected' || this.status.phase === 'needs-login' ? 'idle' : this.status.phase;
    this.set({ connection, pending, heldLocally, lastSyncedAt: lastSyncedAt ?? null, phase });
  }

  // ─── Sessions ─────────────────────────────────────────────────────────────────────────────────
  /** After a successful login or activation: store the session and sync at once. */
  async connected(serverUrl: string, session: SessionResponse): Promise<void> {
    const { connect } = await loadEngine();
    await connect(this.db, serverUrl, session);
    this.failures = 0;
    this.set({ lastError: null, lastErrorFromServer: false, phase: 'idle' });
    await this.refresh();
    void this.syncNow();
  }

  /** Logs out: the server session is revoked when reachable; every local edit stays on the device. */
  async logout(): Promise<void> {
    const connection = await getConnection(this.db);
    if (connection?.token) {
      await this.api(connection.serverUrl)
        .logout(connection.token)
        .catch(() => undefined);
    }
    const { disconnect } = await loadEngine();
    await disconnect(this.db);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set({ phase: 'not-connected', lastError: null, lastErrorFromServer: false });
    await this.refresh();
  }

  // ─── Running ──────────────────────────────────────────────────────────────────────────────────
  /**
   * Syncs now, or once more right after the run in progress (triggers during a run coalesce into one
   * follow-up run). Resolves when a run that started after this call has finished; never rejects.
   */
  syncNow(): Promise<void> {
    if (this.running) {
      this.followUp ??= this.running.then(() => {
        this.followUp = null;
        return this.syncNow();
      });
      return this.followUp;
    }
    this.running = this.runLocked()
      .catch(() => this.set({ phase: 'error', lastError: 'sync.errors.unexpected', lastErrorFromServer: false }))
      .finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runLocked(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    try {
      if (locks?.request) {
        await locks.request('sbd-sync', () => this.run());
      } else {
        await this.run();
      }
    } finally {
      // After every run, failed or not (pages applied before a failure stay), and in every tab: also
      // entries left without keys when the app was closed, or while not connected.
      this.buildSearchKeys();
    }
  }

  private async run(): Promise<void> {
    const connection = await getConnection(this.db);
    if (!connection) {
      await this.refresh();
      return;
    }
    if (connection.needsLogin || !connection.token) {
      this.set({ phase: 'needs-login', connection });
      return;
    }
    this.set({ phase: 'syncing', connection });
    try {
      const { syncOnce } = await loadEngine();
      await syncOnce(this.db, this.api(connection.serverUrl), connection.token, connection.user.id, connection.user.scopeId);
      this.failures = 0;
      this.set({ phase: 'idle', lastError: null, lastErrorFromServer: false });
      await this.refresh();
      this.scheduleNext();
    } catch (error) {
      await this.failed(error);
    }
  }

  /** Search keys of the entries sync wrote without them, in idle time (db/searchIndex.ts); one run at a time. */
  private buildSearchKeys(): void {
    // The indexing code loads only when an entry waits for its keys: a phone with nothing pending (no
    // server, or every key built) fetches nothing more at start.
    this.indexing ??= this.db.entries
      .where('searchPending')
      .equals(1)
      .first()
      .then((waiting) => (waiting ? loadSearchIndex().then(({ indexPendingEntries }) => indexPendingEntries(this.db)) : undefined))
      .then(
        () => undefined,
        // Search scans entries still without keys, and the next run tries again.
        () => undefined,
      )
      .finally(() => {
        this.indexing = null;
      });
  }

  private async failed(error: unknown): Promise<void> {
    if (error instanceof ServerError) {
      if (error.status === 401) {
        const { markNeedsLogin } = await loadEngine();
        await markNeedsLogin(this.db);
        this.set({ phase: 'needs-login', lastError: error.message, lastErrorFromServer: true });
        await this.refresh();
        return; // no timer: waits for a new login
      }
      if (error.status === 426 || error.code === 'client_too_old' || error.code === 'server_too_old') {
        // Retrying cannot help until the app (or the server) is updated; the timer still checks rarely.
        this.failures = Math.max(this.failures + 1, 10);
        this.set({ phase: 'error', lastError: error.message, lastErrorFromServer: true });
        this.scheduleNext();
        return;
      }
      if (error.status === 429 && error.retryAfterSeconds) {
        this.set({ phase: 'error', lastError: error.message, lastErrorFromServer: true });
        if (this.timer) clearTimeout(this.timer);
        this.timer = this.started ? setTimeout(() => void this.syncNow(), error.retryAfterSeconds * 1000) : null;
        return;
      }
      this.failures += 1;
      this.set({ phase: 'error', lastError: error.message, lastErrorFromServer: true });
      this.scheduleNext();
      return;
    }
    this.failures += 1;
    const offline = error instanceof NetworkError || (typeof navigator !== 'undefined' && navigator.onLine === false);
    this.set(offline ? { phase: 'offline', lastError: 'sync.errors.network', lastErrorFromServer: false } : { phase: 'error', lastError: 'sync.errors.unexpected', lastErrorFromServer: false });
    this.scheduleNext();
  }
}

const controllers = new WeakMap<LogbookDatabase, SyncController>();

/** One controller per database (the app has one; tests make their own). */
export function getSyncController(db: LogbookDatabase, options?: ControllerOptions): SyncController {
  let controller = controllers.get(db);
  if (!controller) {
    controller = new SyncController(db, options);
    controllers.set(db, controller);
  }
  return controller;
}
