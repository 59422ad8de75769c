import type { Connection } from '../db/connect.ts';

export interface StoreContext {
  conn: Connection;
  /** Epoch milliseconds; tests move it. */
  now: () => number;
  /** scrypt cost for new password hashes. */
  scryptN: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions end after this many days without use. */
export const SESSION_IDLE_DAYS = 30;
/** Activation codes are valid this long. */
export const ACTIVATION_DAYS = 14;
