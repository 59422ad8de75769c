import type { SessionCache } from '../auth/sessionCache.ts';
import type { BusMessage } from '../cluster.ts';
import type { Connection } from '../db/connect.ts';
import type { AccessCache } from './accessCache.ts';
import type { OverviewCache } from './overviewCache.ts';
import type { ScopeStateCache } from './scopeStates.ts';

export interface StoreContext {
  conn: Connection;
  /** Epoch milliseconds; tests move it. */
  now: () => number;
  /** scrypt cost for new password hashes. */
  scryptN: number;
  /** Live sessions in memory (the server sets it; the CLI runs without). */
  sessions?: SessionCache;
  /** Readable scopes per user in memory (the server sets it). */
  access?: AccessCache;
  /** Each readable logbook's head revision in memory (the server sets it; src/server/store/scopeStates.ts). */
  scopeStates?: ScopeStateCache;
  /** Each logbook's figures for the leaders' overview, by revision (the server sets it; src/server/store/overviewCache.ts). */
  overviews?: OverviewCache;
  /** With several workers: tells the others (src/server/cluster.ts); resolves once they have handled it. */
  broadcast?: (message: BusMessage) => Promise<void>;
}

/**
 * Call after any write to users, roles, mentorships, scopes' owners or sessions: the in-memory
 * session and access caches forget what they hold, so the change counts from the next request.
 */
export function accountsChanged(ctx: StoreContext): void {
  forgetAccounts(ctx);
  // The admin routes wait for the other workers before answering (app.ts); elsewhere (the CLI has no
  // workers) this only starts the notice.
  void ctx.broadcast?.({ type: 'accountsChanged' });
}

/** This process's caches only (a notice from another worker, or the admin routes' safety net). */
export function forgetAccounts(ctx: StoreContext): void {
  ctx.sessions?.clear();
  ctx.access?.clear();
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions end after this many days without use. */
export const SESSION_IDLE_DAYS = 30;
/** Activation codes are valid this long. */
export const ACTIVATION_DAYS = 14;
