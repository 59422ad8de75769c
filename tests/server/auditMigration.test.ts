import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/crypto.ts';
import { LATEST_SCHEMA_VERSION, migrate } from '../../src/server/db/migrations.ts';
import { PASSWORD, TEST_DIST } from './harness.ts';
import { STORES, storeFactory } from './stores.ts';

describe.each(STORES)('migration 4 (audit log) on %s', (kind) => {
  const stores = storeFactory(kind);

  it('adds an empty audit log to a version-3 store, and the server writes to it from the first login', async () => {
    const conn = await stores.fresh();
    expect(await migrate(conn.db, 3)).toBe(3);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the v3 schema is not today's type
    const v3 = conn.db as any;
    const now = Date.UTC(2024, 8, 1);
    await v3.insertInto('schools').values({ id: 's1', name: 'THCS Cũ', created_at: now }).execute();
    await v3
      .insertInto('users')
      .values({ id: 'u1', school_id: 's1', username: 'lan', full_name: 'Nguyễn Thị Lan', department: 'Toán', password_hash: await hashPassword(PASSWORD, 2 ** 10), active: 1, created_at: now })
      .execute();
    await v3.insertInto('user_roles').values({ user_id: 'u1', role: 'teacher', department: '' }).execute();

    const app = await buildServer({ distDir: TEST_DIST, store: conn, scryptN: 2 ** 10, now: () => now });
    try {
      expect((await app.inject('/api/health')).json().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await conn.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: PASSWORD }, remoteAddress: '10.0.0.7' });
      expect(login.statusCode).toBe(200);
      const rows = await conn.db.selectFrom('audit_log').select(['school_id', 'action', 'actor_id', 'actor_name', 'ip']).execute();
      expect(rows).toEqual([{ school_id: 's1', action: 'login', actor_id: 'u1', actor_name: 'Nguyễn Thị Lan', ip: '10.0.0.7' }]);
    } finally {
      await app.close();
    }
  });
});
