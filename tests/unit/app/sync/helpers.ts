import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { fromStoredEntry, LogbookDatabase } from '../../../../src/app/db/database.ts';
import { NetworkError, ServerApi, type FetchLike } from '../../../../src/app/sync/api.ts';
import { connect, syncOnce } from '../../../../src/app/sync/engine.ts';
import { getConnection } from '../../../../src/app/sync/state.ts';
import type { SessionResponse } from '../../../../src/sync/protocol.ts';
import { PASSWORD } from '../../../server/harness.ts';

export const SERVER_URL = 'http://truong.test';

/** A fetch that runs the real server in-process (app.inject); `dropNext` loses answers after the server handled them. */
export function injectFetch(app: FastifyInstance) {
  const log: Array<{ path: string; request: unknown; status: number; response: unknown }> = [];
  const control: { dropNext: number; down: boolean; log: typeof log; onRequest?: (path: string, body: unknown) => Promise<void> } = { dropNext: 0, down: false, log };
  const fetchImpl: FetchLike = async (url, init) => {
    if (control.down) throw new TypeError('Failed to fetch');
    await control.onRequest?.(new URL(url).pathname, init?.body ? JSON.parse(init.body as string) : null);
    const { pathname, search } = new URL(url);
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const res = await app.inject({ method: (init?.method ?? 'GET') as 'GET', url: pathname + search, headers, payload: init?.body as string | undefined });
    log.push({ path: pathname, request: init?.body ? JSON.parse(init.body as string) : null, status: res.statusCode, response: res.body ? JSON.parse(res.body) : null });
    if (control.dropNext > 0) {
      control.dropNext -= 1;
      throw new TypeError('connection reset');
    }
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) responseHeaders.set(key, String(value));
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers: responseHeaders });
  };
  return { fetch: fetchImpl, control };
}

const opened: LogbookDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

export function freshDb(): LogbookDatabase {
  const db = new LogbookDatabase(`sync-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<SessionResponse> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return res.json<SessionResponse>();
}

/** One phone (or PC) of a teacher: its own database and session, syncing through the real server. */
export async function device(app: FastifyInstance, session: SessionResponse, db = freshDb(), pullLimit = 3) {
  const { fetch, control } = injectFetch(app);
  const api = new ServerApi(SERVER_URL, fetch);
  await connect(db, SERVER_URL, session);
  return {
    db,
    api,
    control,
    async sync() {
      const connection = await getConnection(db);
      if (!connection?.token) throw new Error('not connected');
      return syncOnce(db, api, connection.token, connection.user.id, connection.user.scopeId, pullLimit);
    },
  };
}

export { NetworkError };

/** The logbook as the teacher sees it, comparable across devices. */
export async function logbook(db: LogbookDatabase) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  const [profile, schoolYears, entries, reflections, conflicts] = await Promise.all([
    db.profile.toArray(),
    db.schoolYears.toArray(),
    db.entries.toArray(),
    db.reflections.toArray(),
    db.conflicts.toArray(),
  ]);
  return {
    profile,
    schoolYears: byId(schoolYears),
    // Without the derived fields (search, sync state), which differ by how the row was written.
    entries: byId(entries).map(fromStoredEntry),
    reflections: byId(reflections),
    conflicts: byId(conflicts),
  };
}

/** Records on the server (live and tombstones) for a scope. */
export async function serverRecords(app: FastifyInstance, scopeId: string) {
  const rows = await app.sbd.ctx.conn.db.selectFrom('records').select(['tbl', 'record_id', 'deleted', 'data', 'rev']).where('scope_id', '=', scopeId).orderBy('rev').execute();
  return rows.map((r) => ({ table: r.tbl, id: r.record_id, deleted: Number(r.deleted) === 1, data: JSON.parse(r.data) as Record<string, unknown> }));
}
