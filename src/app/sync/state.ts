import type { LogbookDatabase, OutboxRow } from '../db/database.ts';
import type { Mutation, SchoolContext, ScopeAccess, UserInfo } from '../../sync/protocol.ts';

/**
 * Sync bookkeeping kept in the `meta` table (device-local, never in backups). Read and written
 * inside the same Dexie transactions as the data they describe.
 */
export interface Connection {
  serverUrl: string;
  /** Null after logout or when the server refused the token (needsLogin). */
  token: string | null;
  user: UserInfo;
  /** The server refused the token (401): sync waits for a new login; every local edit is kept. */
  needsLogin: boolean;
}

/** A batch sent but not yet answered: resent as is (same mutation ids) until an answer arrives. */
export interface Inflight {
  userId: string;
  mutations: Mutation[];
  /** Per mutation: the outbox rows it covers (same scope, table and record, seq ≤ maxSeq); scopeId absent = own scope. */
  covers: Array<{ mutationId: number; table: OutboxRow['table']; recordId: string; maxSeq: number; scopeId?: string }>;
}

/** A logbook the user may read, as the server last listed it (docs/sync.md, access levels). */
export interface KnownScope {
  scopeId: string;
  ownerId: string;
  ownerName: string;
  access: ScopeAccess;
  /** The owner's last push from any of her devices, as the server said (ISO), or null. */
  ownerLastSyncAt: string | null;
  /** When this device last finished a sync that pulled this scope (ISO), or null. */
  lastSyncedAt: string | null;
}

/** A rejected mutation or a server notice (record brought back), shown until dismissed. */
export interface SyncNotice {
  id: string;
  at: string;
  table: string;
  recordId: string;
  message: string;
  code?: string;
}

export interface SyncMeta {
  'sync.clientId': string;
  'sync.connection': Connection;
  /** Last mutation id used by this device (strictly increasing, never reset). */
  'sync.mutationCounter': number;
  'sync.cursors': Record<string, number>;
  'sync.inflight': Inflight;
  'sync.lastSyncedAt': string;
  'sync.notices': SyncNotice[];
  /** Current sync generation (bumped when a resync starts). */
  'sync.gen': number;
  /** A resync of this scope is under way; records whose shadow is older than `gen` are removed at its end. */
  'sync.resync': { scopeId: string; gen: number };
  /** The user for whom every local record was queued for upload (first connect). */
  'sync.uploadedFor': string;
  /** The user whose logbook the shadows and cursors describe. */
  'sync.shadowUser': string;
  /** Every scope the user may read (her own included), from the last answer. */
  'sync.scopes': KnownScope[];
  /** Other people's scopes being pulled again from 0 (access changed, or server resync): the gen it started at. */
  'sync.foreignResync': Record<string, number>;
  /** The school's settings, directory and the user's mentor pairs, as of the last sync. */
  'school.context': SchoolContext;
}

export async function readMeta<K extends keyof SyncMeta>(db: LogbookDatabase, key: K): Promise<SyncMeta[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as SyncMeta[K] | undefined;
}

export async function writeMeta<K extends keyof SyncMeta>(db: LogbookDatabase, key: K, value: SyncMeta[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: LogbookDatabase, key: keyof SyncMeta): Promise<void> {
  await db.meta.delete(key);
}

/** This device's id for the server: stable for the life of the local database. */
export async function getClientId(db: LogbookDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta(db, 'sync.clientId');
    if (existing) return existing;
    // Short on purpose: the server names conflict copies `${recordId}~${clientId}~${mutationId}` and a
    // client deletes them by that id, which must fit the protocol's 64-character record id.
    const bytes = crypto.getRandomValues(new Uint8Array(9));
    const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
    await writeMeta(db, 'sync.clientId', id);
    return id;
  });
}

export async function getConnection(db: LogbookDatabase): Promise<Connection | null> {
  return (await readMeta(db, 'sync.connection')) ?? null;
}

export async function getNotices(db: LogbookDatabase): Promise<SyncNotice[]> {
  return (await readMeta(db, 'sync.notices')) ?? [];
}

export async function dismissNotice(db: LogbookDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const notices = await getNotices(db);
    await writeMeta(
      db,
      'sync.notices',
      notices.filter((n) => n.id !== id),
    );
  });
}
