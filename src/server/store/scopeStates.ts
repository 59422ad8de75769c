import { sql } from 'kysely';
import type { TtlCache } from '../auth/ttlCache.ts';
import { defineQuery, inList } from '../db/prepared.ts';
import type { StoreContext } from './context.ts';

/**
 * Each logbook's head: its revision, its purge horizon and its owner's last push. A pull needs them
 * for every scope the user reads; most pulls find nothing new, so they are kept in memory
 * (ctx.scopeStates) and a poll whose cursors are all at the head runs no query for them.
 *
 * The store stays the truth:
 * - a push updates the entries of the scopes it wrote, after its commit (`pushed`);
 * - any other write of this process through Kysely (the tombstone purge, the admin's tools, tests)
 *   and, on SQLite, any commit of another process (the admin CLI, another worker: data_version)
 *   forget every entry (the cache's externalChange);
 * - on PostgreSQL another process's push is not seen until the entry expires (a few seconds; other
 *   workers of this server also send a notice): a stale entry can only say "nothing new" for that
 *   while, so a stale head is trusted only when the client's cursor equals it (`exact` false).
 */
export interface ScopeState {
  rev: number;
  purgedRev: number;
  /** Epoch ms of the owner's last push from any device, or null. */
  ownerLastSyncAt: number | null;
}

export interface ScopeStateCache {
  entries: TtlCache<ScopeState>;
  /** True when every change reaches the cache at once (SQLite): an entry may be trusted whatever the cursor. */
  exact: boolean;
}

type StateRow = { id: string; rev: number; purged_rev: number; owner_last_sync_at: number | null };

const statesQuery = defineQuery<{ ids: readonly string[] }, StateRow>('scopes.states', (db, p, kind) =>
  db
    .selectFrom('scopes as s')
    .select((eb) => [
      's.id',
      's.rev',
      's.purged_rev',
      eb.selectFrom('devices as d').select((d) => d.fn.max('d.last_seen_at').as('m')).whereRef('d.user_id', '=', 's.owner_id').as('owner_last_sync_at'),
    ])
    .where(() => inList(kind, sql.ref('s.id'), p.list('ids'))),
);

function toState(row: StateRow): ScopeState {
  return {
    rev: Number(row.rev),
    purgedRev: Number(row.purged_rev),
    ownerLastSyncAt: row.owner_last_sync_at == null ? null : Number(row.owner_last_sync_at),
  };
}

/**
 * The heads of `ids`. `cursors` are the client's: with a cache that may lag (PostgreSQL), a scope is
 * read again unless the client's cursor is exactly the remembered head.
 */
export async function scopeStates(ctx: StoreContext, ids: readonly string[], cursors: Readonly<Record<string, number>>): Promise<Map<string, ScopeState>> {
  const states = new Map<string, ScopeState>();
  if (ids.length === 0) return states;
  const cache = ctx.scopeStates;
  const now = ctx.now();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cache?.entries.get(id, now);
    // Copies: a push finishing meanwhile moves the cached head (`pushed`), and a pull must keep the
    // head it started with — a head moved past what its records query saw would skip those revisions.
    if (hit && (cache!.exact || cursors[id] === hit.rev)) states.set(id, { ...hit });
    else missing.push(id);
  }
  if (missing.length === 0) return states;
  const generation = cache?.entries.generation;
  const rows = await ctx.conn.query.all(statesQuery, { ids: missing });
  for (const row of rows) {
    const state = toState(row);
    states.set(row.id, state);
    cache?.entries.set(row.id, { ...state }, now, generation);
  }
  return states;
}

/**
 * After a push committed: the new heads of the scopes it wrote (`revs`: start and end revision under
 * the push's locks), and the last push time of the writer's own logbook (`ownScopeId`, when she has
 * one). Entries that do not line up with the push (not at its start revision) are dropped rather
 * than guessed.
 */
export function pushed(ctx: StoreContext, ownScopeId: string | null, revs: ReadonlyMap<string, { from: number; to: number }>, at: number): void {
  const cache = ctx.scopeStates;
  if (!cache) return;
  const now = ctx.now();
  // A head read before this commit must not be stored after it.
  cache.entries.fence();
  for (const [id, { from, to }] of revs) {
    if (from === to) continue;
    const entry = cache.entries.get(id, now);
    if (entry && entry.rev === from) entry.rev = to;
    else cache.entries.delete(id);
  }
  const own = ownScopeId ? cache.entries.get(ownScopeId, now) : undefined;
  if (own) own.ownerLastSyncAt = Math.max(own.ownerLastSyncAt ?? at, at);
}

/** Forgets the heads of these scopes (a notice from another worker, the purge). */
export function forgetScopes(ctx: StoreContext, ids: readonly string[]): void {
  ctx.scopeStates?.entries.fence();
  for (const id of ids) ctx.scopeStates?.entries.delete(id);
}
