import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate } from '../../src/server/db/migrations.ts';
import { STORES, storeFactory } from './stores.ts';

/** Migration 3 (school settings and version) from data of version 2. */
describe.each(STORES)('migration 3 on %s', (kind) => {
  const stores = storeFactory(kind);

  it('gives existing schools default settings and version 1; changes of users, roles and mentor pairs bump it', async () => {
    const conn = await stores.fresh();
    expect(await migrate(conn.db, 2)).toBe(2);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the v2 schema is not today's type
    const v2 = conn.db as any;
    const now = Date.UTC(2024, 8, 1);
    await v2.insertInto('schools').values([{ id: 's1', name: 'THCS Cũ', created_at: now }, { id: 's2', name: 'THCS Khác', created_at: now }]).execute();
    const user = (id: string, school: string, department: string) => ({ id, school_id: school, username: id, full_name: id, department, password_hash: null, active: 1, created_at: now });
    await v2.insertInto('users').values([user('u1', 's1', 'Toán'), user('u2', 's1', 'Văn'), user('u3', 's2', 'Toán')]).execute();
    await v2.insertInto('user_roles').values({ user_id: 'u1', role: 'teacher', department: '' }).execute();
    await v2.insertInto('mentorships').values({ mentor_id: 'u2', teacher_id: 'u1', created_at: now }).execute();

    expect(await migrate(conn.db)).toBe(LATEST_SCHEMA_VERSION);
    const version = async (id: string) => Number((await conn.db.selectFrom('schools').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    expect(await conn.db.selectFrom('schools').select(['id', 'settings', 'version']).orderBy('id').execute()).toEqual([
      { id: 's1', settings: '{}', version: 1 },
      { id: 's2', settings: '{}', version: 1 },
    ]);
    await conn.db.updateTable('users').set({ full_name: 'Nguyễn Thị Lan' }).where('id', '=', 'u1').execute();
    expect(await version('s1')).toBe(2);
    await conn.db.insertInto('user_roles').values({ user_id: 'u2', role: 'leader', department: 'Văn' }).execute();
    await conn.db.deleteFrom('mentorships').where('mentor_id', '=', 'u2').execute();
    expect(await version('s1')).toBe(4);
    // Sessions and password changes are not school context; the other school is untouched.
    await conn.db.updateTable('users').set({ password_hash: 'x' }).where('id', '=', 'u1').execute();
    expect(await version('s1')).toBe(4);
    expect(await version('s2')).toBe(1);
  });
});
