import type { UserInfo } from '../../sync/protocol.ts';
import { TtlCache } from './ttlCache.ts';

/**
 * Live sessions by token hash, so a sync request reads no session, user or role row. The idle
 * timeout is still checked on every hit against `lastUsedAt` (src/server/store/accounts.ts).
 */
export interface CachedSession {
  user: UserInfo;
  /** Epoch ms of the last use written to the store. */
  lastUsedAt: number;
}

export type SessionCache = TtlCache<CachedSession>;
