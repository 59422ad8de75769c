import type { TtlCache } from '../auth/ttlCache.ts';
import type { StoreContext } from './context.ts';

/**
 * Which logbook scopes a user may read, and how (readableScopes in scopeAccess.ts), by user id.
 * Only the access list may be cached — never a scope's revision, which changes with every push and
 * is read from the store on each request. Kept true by accountsChanged(ctx) (context.ts) on every
 * write to users, roles, mentorships or scopes, by the server clearing it after any /api/admin/
 * write, and by another process's writes (TtlCache's externalChange, or its TTL on PostgreSQL).
 */
export type AccessCache = TtlCache<readonly object[]>;

/**
 * The user's readable scopes from the cache, or from `load` (then cached). `load` must be the one
 * function that computes access; a write path that checks access under its locks must not use this.
 */
export async function cachedReadable<T extends object>(ctx: StoreContext, userId: string, load: () => Promise<T[]>): Promise<T[]> {
  const now = ctx.now();
  const hit = ctx.access?.get(userId, now);
  if (hit) return hit as T[];
  const generation = ctx.access?.generation;
  const scopes = await load();
  // A cleared cache between the read and here means the list may predate the change: not kept.
  ctx.access?.set(userId, scopes, now, generation);
  return scopes;
}
