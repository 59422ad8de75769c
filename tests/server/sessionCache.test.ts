import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/server/auth/ttlCache.ts';
import { buildServer } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { harnessFor } from './harness.ts';
import { STORES } from './stores.ts';

/**
 * The in-memory session cache (src/server/auth) must never let a session outlive what the store
 * says: logout, revocation, deactivation, role changes and another process's writes count from the
 * very next request; the idle timer is written at most once a minute.
 */
describe.each(STORES)('session cache (%s)', (kind) => {
  const setup = harnessFor(kind);
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a cached session ends at once when the admin deactivates the user, revokes her sessions or she logs out', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const me = (token: string) => h.app.inject({ url: '/api/me', headers: auth(token) });
    expect((await me(lan.token)).statusCode).toBe(200);
    expect((await h.syncAs(lan.token, {})).status).toBe(200);

    const off = await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: auth(admin.token), payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await me(lan.token)).statusCode).toBe(401);
    expect((await h.syncAs(lan.token, {})).status).toBe(401);

    await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: auth(admin.token), payload: { active: true } });
    const again = (await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: 'mật-khẩu-đủ-dài' } })).json<{ token: string }>();
    expect((await me(again.token)).statusCode).toBe(200);
    // Revocation straight through the store (as the property test and the CLI do), no HTTP route.
    await accounts.revokeSessions(h.app.sbd.ctx, h.schoolId, lan.user.id);
    expect((await me(again.token)).statusCode).toBe(401);

    const third = (await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: 'mật-khẩu-đủ-dài' } })).json<{ token: string }>();
    expect((await me(third.token)).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth(third.token) })).statusCode).toBe(204);
    expect((await me(third.token)).statusCode).toBe(401);
  });

  it('a role change shows in the next answer', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const roles = async () => (await h.app.inject({ url: '/api/me', headers: auth(lan.token) })).json<{ user: { roles: Array<{ role: string }> } }>().user.roles.map((r) => r.role);
    expect(await roles()).toEqual(['teacher']);
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: auth(admin.token), payload: { roles: [{ role: 'teacher' }, { role: 'mentor' }] } });
    expect(patch.statusCode).toBe(200);
    expect(await roles()).toEqual(['mentor', 'teacher']);
  });

  it('readable logbooks follow mentor pairs and tổ changes from the next request (access cache)', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán' });
    const mai = await h.user('mai', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn' });
    const tt = await h.user('tt', [{ role: 'teacher' }, { role: 'leader', department: 'Toán' }], { department: 'Toán' });
    const readable = async (token: string) =>
      (await h.app.inject({ url: '/api/me', headers: auth(token) })).json<{ scopes: Array<{ ownerId: string }> }>().scopes.map((s) => s.ownerId).sort();
    expect(await readable(mai.token)).toEqual([mai.user.id]);
    expect(await readable(tt.token)).toEqual([lan.user.id, tt.user.id].sort());

    const add = await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: auth(admin.token), payload: { mentorId: mai.user.id, teacherId: lan.user.id } });
    expect(add.statusCode).toBe(204);
    expect(await readable(mai.token)).toEqual([lan.user.id, mai.user.id].sort());
    const remove = await h.app.inject({ method: 'DELETE', url: `/api/admin/mentorships/${mai.user.id}/${lan.user.id}`, headers: auth(admin.token) });
    expect(remove.statusCode).toBe(204);
    expect(await readable(mai.token)).toEqual([mai.user.id]);

    // Lan moves to another tổ: her tổ trưởng no longer reads her logbook.
    const move = await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: auth(admin.token), payload: { department: 'Văn' } });
    expect(move.statusCode).toBe(200);
    expect(await readable(tt.token)).toEqual([tt.user.id]);
  });

  it('writes the last use at most once a minute, and still expires an idle session', async () => {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const lastUsed = async () => Number((await h.conn.db.selectFrom('sessions').select('last_used_at').where('user_id', '=', lan.user.id).executeTakeFirstOrThrow()).last_used_at);
    const loggedInAt = await lastUsed();
    for (let i = 0; i < 5; i++) {
      h.clock.advanceMinutes(0.1);
      expect((await h.syncAs(lan.token, {})).status).toBe(200);
    }
    expect(await lastUsed()).toBe(loggedInAt);
    h.clock.advanceMinutes(1);
    expect((await h.syncAs(lan.token, {})).status).toBe(200);
    expect(await lastUsed()).toBe(h.clock.now);

    h.clock.advanceDays(31);
    expect((await h.syncAs(lan.token, {})).status).toBe(401);
  });
});

describe('session cache and another process (SQLite file)', () => {
  it('sees a revocation committed by another connection (the admin CLI) at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sbd-cache-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const file = path.join(dir, 'store.sqlite');
    const app = await buildServer({ distDir: dir, store: { sqliteFile: file }, scryptN: 2 ** 10, purgeTombstones: false });
    const cli = connect({ sqliteFile: file });
    try {
      const ctx = app.sbd.ctx;
      const school = await accounts.createSchool(ctx, 'THCS Hai Tiến Trình');
      const created = await accounts.createUser(ctx, school.id, { username: 'lan', fullName: 'Lan', department: '', roles: [{ role: 'teacher' }] });
      const token = await accounts.createSession(ctx, created.user.id);
      const me = () => app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me()).statusCode).toBe(200);
      expect(ctx.sessions?.size).toBe(1);
      // The CLI's context has no caches of its own and cannot reach the server's.
      await accounts.revokeSessions({ conn: cli, now: Date.now, scryptN: 2 ** 10 }, school.id, created.user.id);
      expect((await me()).statusCode).toBe(401);
    } finally {
      await cli.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TtlCache', () => {
  it('expires entries, drops the oldest beyond its size, and refuses a value loaded before a clear', () => {
    let changed = false;
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 2, externalChange: () => changed });
    cache.set('a', 'A', 0);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1001)).toBeUndefined();
    expect(cache.get('a', 500)).toBeUndefined();
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    cache.set('c', 'C', 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([undefined, 'B', 'C']);
    // A clock that went back does not trust entries from "the future".
    expect(cache.get('b', -5)).toBeUndefined();

    const generation = cache.generation;
    cache.clear();
    cache.set('d', 'stale', 10, generation);
    expect(cache.get('d', 10)).toBeUndefined();
    cache.set('d', 'fresh', 10);
    changed = true;
    expect(cache.get('d', 10)).toBeUndefined();
  });
});
