import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/crypto.ts';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../../src/server/db/migrations.ts';
import { PASSWORD, TEST_DIST, entry } from './harness.ts';
import { STORES, storeFactory } from './stores.ts';

describe.each(STORES)('migrations on %s', (kind) => {
  const stores = storeFactory(kind);

  it('migrates version-1 data to the latest schema and the server works on it', async () => {
    const conn = await stores.fresh();
    // Version 1, with data as version 1 wrote it (roles as a comma-separated column).
    expect(await migrate(conn.db, 1)).toBe(1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the v1 schema is not today's type
    const v1 = conn.db as any;
    const now = Date.UTC(2024, 8, 1);
    await v1.insertInto('schools').values({ id: 's1', name: 'THCS Cũ', created_at: now }).execute();
    await v1
      .insertInto('users')
      .values([
        { id: 'u1', school_id: 's1', username: 'lan', full_name: 'Nguyễn Thị Lan', department: 'Toán', roles: 'teacher', password_hash: await hashPassword(PASSWORD, 2 ** 10), active: 1, created_at: now },
        { id: 'u2', school_id: 's1', username: 'hieutruong', full_name: 'Lê Văn Hiệu', department: '', roles: 'teacher, leader,leader', password_hash: null, active: 1, created_at: now },
      ])
      .execute();
    await v1.insertInto('scopes').values({ id: 'sc1', school_id: 's1', owner_id: 'u1', rev: 1, created_at: now }).execute();
    await v1.insertInto('records').values({ scope_id: 'sc1', tbl: 'entries', record_id: 'e1', rev: 1, deleted: 0, data: JSON.stringify(entry('e1')), updated_at: now, deleted_at: null }).execute();
    await v1.insertInto('devices').values({ user_id: 'u1', client_id: 'device-aaaa', last_mutation_id: 4, last_seen_at: now }).execute();

    const app = await buildServer({ distDir: TEST_DIST, store: conn, scryptN: 2 ** 10, now: () => now });
    try {
      expect(await schemaVersion(conn.db)).toBe(LATEST_SCHEMA_VERSION);
      expect((await app.inject('/api/health')).json()).toMatchObject({ store: kind, schemaVersion: LATEST_SCHEMA_VERSION });
      const roles = await conn.db.selectFrom('user_roles').selectAll().orderBy('user_id').orderBy('role').execute();
      expect(roles).toEqual([
        { user_id: 'u1', role: 'teacher', department: '' },
        { user_id: 'u2', role: 'leader', department: '' },
        { user_id: 'u2', role: 'teacher', department: '' },
      ]);
      expect(await conn.db.selectFrom('scopes').select(['id', 'rev', 'purged_rev']).execute()).toEqual([{ id: 'sc1', rev: 1, purged_rev: 0 }]);

      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: PASSWORD } });
      expect(login.statusCode).toBe(200);
      const token = login.json().token as string;
      const sync = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          clientId: 'device-aaaa',
          schemaVersion: 2,
          cursors: {},
          mutations: [
            { mutationId: 4, scopeId: 'sc1', table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 9 } },
            { mutationId: 5, scopeId: 'sc1', table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 3 } },
          ],
        },
      });
      expect(sync.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'applied']);
      expect(sync.json().changes).toEqual([expect.objectContaining({ rev: 2, id: 'e1', record: expect.objectContaining({ periods: 3, content: 'Tự học module GVPT 03' }) })]);
      // Migrating again is a no-op.
      expect(await migrate(conn.db)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await app.close();
    }
  });
});
