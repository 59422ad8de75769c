import { describe, expect, it } from 'vitest';
import { schoolCurrentYear } from '../../src/domain/schoolSettings.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/crypto.ts';
import { LATEST_SCHEMA_VERSION, migrate } from '../../src/server/db/migrations.ts';
import type { SessionResponse, SyncResponse } from '../../src/sync/protocol.ts';
import { PASSWORD, TEST_DIST } from './harness.ts';
import { observation } from './scopeFixtures.ts';
import { STORES, storeFactory } from './stores.ts';

describe.each(STORES)('migration 5 (mentor pairs per school year) on %s', (kind) => {
  const stores = storeFactory(kind);

  it('gives the pairs of a version-4 store the current school year: the mentor keeps reading, the admin lists them under that year', async () => {
    const conn = await stores.fresh();
    expect(await migrate(conn.db, 4)).toBe(4);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the v4 schema is not today's type
    const v4 = conn.db as any;
    const created = Date.UTC(2024, 8, 1);
    const hash = await hashPassword(PASSWORD, 2 ** 10);
    await v4.insertInto('schools').values({ id: 's1', name: 'THCS Cũ', created_at: created, settings: '{}', version: 1 }).execute();
    const users = [
      { id: 'u-lan', username: 'lan', full_name: 'Nguyễn Thị Lan', roles: ['teacher'] },
      { id: 'u-hoa', username: 'hoa', full_name: 'Trần Thị Hòa', roles: ['teacher', 'mentor'] },
      { id: 'u-admin', username: 'admin', full_name: 'Quản trị', roles: ['admin'] },
    ];
    for (const u of users) {
      await v4.insertInto('users').values({ id: u.id, school_id: 's1', username: u.username, full_name: u.full_name, department: 'Toán', password_hash: hash, active: 1, created_at: created }).execute();
      for (const role of u.roles) await v4.insertInto('user_roles').values({ user_id: u.id, role, department: '' }).execute();
    }
    await v4.insertInto('scopes').values({ id: 'scope-lan', school_id: 's1', owner_id: 'u-lan', rev: 1, purged_rev: 0, created_at: created }).execute();
    await v4.insertInto('records').values({ scope_id: 'scope-lan', tbl: 'observations', record_id: 'o1', rev: 1, deleted: 0, data: JSON.stringify(observation('o1')), updated_at: created, deleted_at: null }).execute();
    await v4.insertInto('mentorships').values({ mentor_id: 'u-hoa', teacher_id: 'u-lan', created_at: created }).execute();

    const app = await buildServer({ distDir: TEST_DIST, store: conn, scryptN: 2 ** 10 });
    try {
      // The upgrade ran moments ago on the real clock, with no semester dates set: the calendar rule decides.
      const year = schoolCurrentYear(Date.now(), null);
      expect((await app.inject('/api/health')).json().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const pairs = await conn.db.selectFrom('mentorships').select(['mentor_id', 'teacher_id', 'start_year', 'created_at']).execute();
      expect(pairs.map((p) => ({ ...p, start_year: Number(p.start_year), created_at: Number(p.created_at) }))).toEqual([{ mentor_id: 'u-hoa', teacher_id: 'u-lan', start_year: year, created_at: created }]);

      const login = async (username: string) => (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).json<SessionResponse>();
      const hoa = await login('hoa');
      const pulled = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${hoa.token}` },
        payload: { clientId: 'hoa-device', schemaVersion: 2, mutations: [], cursors: { 'scope-lan': 0 } },
      });
      const body = pulled.json<SyncResponse>();
      expect(body.scopes.find((s) => s.scopeId === 'scope-lan')?.access).toBe('mentor');
      expect(body.changes.map((c) => c.id)).toEqual(['o1']);
      expect(body.school?.mentorships.mentees.map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan']);

      const admin = await login('admin');
      const list = await app.inject({ url: '/api/admin/mentorships', headers: { authorization: `Bearer ${admin.token}` } });
      expect(list.json()).toMatchObject({ year, currentYear: year, years: [year], mentorships: [{ mentorName: 'Trần Thị Hòa', teacherName: 'Nguyễn Thị Lan', year }] });
      // The school version still moves with pair changes (the triggers came back with the rebuilt table).
      const version = async () => Number((await conn.db.selectFrom('schools').select('version').executeTakeFirstOrThrow()).version);
      const v = await version();
      await app.inject({ method: 'DELETE', url: '/api/admin/mentorships/u-hoa/u-lan', headers: { authorization: `Bearer ${admin.token}` } });
      expect(await version()).toBe(v + 1);
      await app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: { authorization: `Bearer ${admin.token}` }, payload: { mentorId: 'u-hoa', teacherId: 'u-lan', year: year - 1 } });
      expect(await version()).toBe(v + 2);
    } finally {
      await app.close();
    }
  });
});
