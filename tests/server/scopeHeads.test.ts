import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { connect, type Connection } from '../../src/server/db/connect.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { SyncResponse } from '../../src/sync/protocol.ts';
import { entry, TEST_DIST } from './harness.ts';
import { storeFactory, STORES } from './stores.ts';

/**
 * Each logbook's head revision is kept in memory (src/server/store/scopeStates.ts). Two servers on one
 * store (two workers, or a second server on the same PostgreSQL) must never make a device miss an
 * edit or restart a logbook it is up to date with.
 */
describe.each(STORES)('logbook heads in memory, two servers on one store (%s)', (kind) => {
  const postgres = kind === 'postgres' ? storeFactory('postgres') : null;
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function twoServers(): Promise<{ a: FastifyInstance; b: FastifyInstance; token: string; scopeId: string }> {
    let first: Connection;
    let second: Connection;
    if (postgres) {
      first = await postgres.fresh();
      second = connect({ databaseUrl: postgres.databaseUrl() });
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'sbd-heads-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      first = connect({ dataDir: dir });
      second = connect({ dataDir: dir });
    }
    const a = await buildServer({ distDir: TEST_DIST, store: first, scryptN: 2 ** 10, purgeTombstones: false, checkpoints: false });
    const b = await buildServer({ distDir: TEST_DIST, store: second, scryptN: 2 ** 10, purgeTombstones: false, checkpoints: false });
    cleanup.push(async () => {
      await a.close();
      await b.close();
      if (!postgres) await first.close();
      await second.close();
    });
    const school = await accounts.createSchool(a.sbd.ctx, 'THCS Hai Máy');
    const lan = await accounts.createUser(a.sbd.ctx, school.id, { username: 'lan', fullName: 'Lan', department: '', roles: [{ role: 'teacher' }] });
    const token = await accounts.createSession(a.sbd.ctx, lan.user.id);
    return { a, b, token, scopeId: lan.user.scopeId! };
  }

  const sync = async (app: FastifyInstance, token: string, body: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: 2, mutations: [], ...body } });
    expect(response.statusCode).toBe(200);
    return response.json<SyncResponse>();
  };
  const put = (mutationId: number, scopeId: string, id: string) => ({ mutationId, scopeId, table: 'entries', recordId: id, op: 'put', fields: entry(id) });

  it('a device that pushed through the other server is not told to start over, and gets what it has not seen', async () => {
    const { a, b, token, scopeId } = await twoServers();
    // Server A learns the head (2) while the phone syncs through it.
    const first = await sync(a, token, { clientId: 'phone-aaaa', mutations: [put(1, scopeId, 'e1'), put(2, scopeId, 'e2')], cursors: { [scopeId]: 0 } });
    const head = first.cursors[scopeId]!;
    expect((await sync(a, token, { clientId: 'phone-aaaa', cursors: { [scopeId]: head } })).changes).toEqual([]);
    // The PC pushes through server B; the phone, through B too, is now at B's newer head.
    const pc = await sync(b, token, { clientId: 'pc-aaaaaaaa', mutations: [put(1, scopeId, 'e3')], cursors: { [scopeId]: head } });
    const newer = pc.cursors[scopeId]!;
    expect(newer).toBeGreaterThan(head);
    // Back on A with a cursor past what A remembered: no resync, nothing repeated.
    const back = await sync(a, token, { clientId: 'phone-aaaa', cursors: { [scopeId]: newer } });
    expect(back.scopes.find((s) => s.scopeId === scopeId)?.resync).toBeUndefined();
    expect(back.changes).toEqual([]);
    expect(back.cursors[scopeId]).toBe(newer);
    // A device still at A's old head gets the PC's edit from A.
    const late = await sync(a, token, { clientId: 'tablet-aaaa', cursors: { [scopeId]: head } });
    if (kind === 'sqlite') {
      // SQLite shows the other connection's commit at once (data_version).
      expect(late.changes.map((c) => c.id)).toEqual(['e3']);
    } else {
      // PostgreSQL: within the entry's few seconds, unless told by a worker of the same server.
      expect([[], ['e3']]).toContainEqual(late.changes.map((c) => c.id));
    }
  });

  it('a write of this process outside a push (the tombstone purge, an admin tool) is seen by the next poll', async () => {
    const { a, token, scopeId } = await twoServers();
    const first = await sync(a, token, { clientId: 'phone-aaaa', mutations: [put(1, scopeId, 'e1')], cursors: { [scopeId]: 0 } });
    const head = first.cursors[scopeId]!;
    expect((await sync(a, token, { clientId: 'phone-aaaa', cursors: { [scopeId]: head } })).changes).toEqual([]);
    // Written straight into the store, as a migration or an admin tool would.
    await a.sbd.ctx.conn.db
      .insertInto('records')
      .values({ scope_id: scopeId, tbl: 'entries', record_id: 'e-tool', rev: head + 1, deleted: 0, data: JSON.stringify(entry('e-tool')), updated_at: Date.now(), deleted_at: null })
      .execute();
    await a.sbd.ctx.conn.db.updateTable('scopes').set({ rev: head + 1 }).where('id', '=', scopeId).execute();
    const next = await sync(a, token, { clientId: 'phone-aaaa', cursors: { [scopeId]: head } });
    expect(next.changes.map((c) => c.id)).toEqual(['e-tool']);
    expect(next.cursors[scopeId]).toBe(head + 1);
  });
});
