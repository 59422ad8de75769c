import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src/server/db/migrations.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { harnessFor, PASSWORD } from './harness.ts';
import { STORES } from './stores.ts';

describe.each(STORES)('accounts on %s', (kind) => {
  const setup = harnessFor(kind);

  async function login(app: Awaited<ReturnType<typeof setup>>['app'], username: string, password: string, ip = '10.0.0.1') {
    return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  }

  it('reports the store and schema in /api/health', async () => {
    const { app } = await setup();
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, store: kind, schemaVersion: LATEST_SCHEMA_VERSION, database: 'ok' });
  });

  it('activates with the one-time code, then logs in; the code cannot be reused', async () => {
    const h = await setup();
    const created = await accounts.createUser(h.app.sbd.ctx, h.schoolId, { username: 'lan', fullName: 'Nguyễn Thị Lan', department: 'Toán', roles: [{ role: 'teacher' }] });
    expect(created.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const short = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'lan', code: created.activationCode, password: 'ngan' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('invalid_request');
    const ok = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'lan', code: created.activationCode.toLowerCase(), password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ username: 'lan', fullName: 'Nguyễn Thị Lan', roles: [{ role: 'teacher', department: '' }] });
    expect(ok.json().user.scopeId).toEqual(expect.any(String));
    const again = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'lan', code: created.activationCode, password: 'mat-khau-khac-1' } });
    expect(again.statusCode).toBe(401);
    expect((await login(h.app, 'lan', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong password with a JSON error and stores only a token hash', async () => {
    const h = await setup();
    const session = await h.user('lan', [{ role: 'teacher' }]);
    const wrong = await login(h.app, 'lan', 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'unauthorized', message: 'Sai tên đăng nhập hoặc mật khẩu.' } });
    const unknown = await login(h.app, 'khong-co', 'sai-mat-khau');
    expect(unknown.statusCode).toBe(401);
    const rows = await h.conn.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(session.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const me = await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${session.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().scopes).toEqual([expect.objectContaining({ access: 'owner', scopeId: session.user.scopeId })]);
  });

  it('locks an account after 5 failures with "Thử lại sau N phút", and unlocks later', async () => {
    const h = await setup();
    await h.user('lan', [{ role: 'teacher' }]);
    for (let i = 0; i < 5; i++) expect((await login(h.app, 'lan', 'sai-mat-khau', `10.0.0.${i}`)).statusCode).toBe(401);
    const locked = await login(h.app, 'lan', PASSWORD, '10.0.0.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(locked.json().error.message).toBe('Đăng nhập sai quá nhiều lần. Thử lại sau 15 phút.');
    expect(locked.headers['retry-after']).toBe('900');
    h.clock.advanceMinutes(10);
    expect((await login(h.app, 'lan', PASSWORD, '10.0.0.99')).json().error.message).toContain('Thử lại sau 5 phút');
    h.clock.advanceMinutes(6);
    expect((await login(h.app, 'lan', PASSWORD, '10.0.0.99')).statusCode).toBe(200);
  });

  it('limits one IP trying many accounts', async () => {
    const h = await setup();
    await h.user('lan', [{ role: 'teacher' }]);
    for (let i = 0; i < 30; i++) await login(h.app, `nguoi${i}`, 'sai-mat-khau', '10.9.9.9');
    const blocked = await login(h.app, 'lan', PASSWORD, '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect((await login(h.app, 'lan', PASSWORD, '10.9.9.8')).statusCode).toBe(200);
  });

  it('expires a session after 30 days without use, and keeps a used one alive', async () => {
    const h = await setup();
    const session = await h.user('lan', [{ role: 'teacher' }]);
    const me = () => h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${session.token}` } });
    h.clock.advanceDays(29);
    expect((await me()).statusCode).toBe(200);
    h.clock.advanceDays(29);
    expect((await me()).statusCode).toBe(200);
    h.clock.advanceDays(31);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthorized');
  });

  it('logout revokes the token; admin revokes all sessions of a user', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const other = await login(h.app, 'lan', PASSWORD);
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth(lan.token) })).statusCode).toBe(204);
    expect((await h.app.inject({ url: '/api/me', headers: auth(lan.token) })).statusCode).toBe(401);
    const token2 = other.json().token as string;
    expect((await h.app.inject({ url: '/api/me', headers: auth(token2) })).statusCode).toBe(200);
    const revoke = await h.app.inject({ method: 'POST', url: `/api/admin/users/${lan.user.id}/revoke`, headers: auth(admin.token) });
    expect(revoke.json()).toEqual({ revoked: 1 });
    expect((await h.app.inject({ url: '/api/me', headers: auth(token2) })).statusCode).toBe(401);
  });

  it('a deactivated user cannot log in and loses her sessions', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: { authorization: `Bearer ${admin.token}` }, payload: { active: false } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().user.active).toBe(false);
    expect((await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${lan.token}` } })).statusCode).toBe(401);
    const denied = await login(h.app, 'lan', PASSWORD);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('account_disabled');
  });

  it('admin creates users and resets a password with a new activation code', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const auth = { authorization: `Bearer ${admin.token}` };
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: auth,
      payload: { username: 'Hoa.Tran', fullName: 'Trần Thị Hoa', department: 'Văn', roles: [{ role: 'teacher' }, { role: 'leader', department: 'Văn' }] },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.user.username).toBe('hoa.tran');
    expect(body.user.roles).toEqual([
      { role: 'leader', department: 'Văn' },
      { role: 'teacher', department: '' },
    ]);
    const dup = await h.app.inject({ method: 'POST', url: '/api/admin/users', headers: auth, payload: { username: 'hoa.tran', fullName: 'X', roles: [{ role: 'teacher' }] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('username_taken');
    await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'hoa.tran', code: body.activationCode, password: PASSWORD } });
    const reset = await h.app.inject({ method: 'POST', url: `/api/admin/users/${body.user.id}/reset`, headers: auth });
    expect(reset.statusCode).toBe(200);
    expect((await login(h.app, 'hoa.tran', PASSWORD)).statusCode).toBe(401);
    const activated = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'hoa.tran', code: reset.json().activationCode, password: 'mat-khau-moi-123' } });
    expect(activated.statusCode).toBe(200);
    const list = await h.app.inject({ url: '/api/admin/users', headers: auth });
    expect(list.json().users.map((u: { username: string }) => u.username)).toEqual(['admin', 'hoa.tran']);
  });

  it('admin endpoints refuse non-admins and never reach another school', async () => {
    const h = await setup();
    const admin = await h.user('admin', [{ role: 'admin' }]);
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const teacherTry = await h.app.inject({ url: '/api/admin/users', headers: { authorization: `Bearer ${lan.token}` } });
    expect(teacherTry.statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/admin/users' })).statusCode).toBe(401);
    const other = await accounts.createSchool(h.app.sbd.ctx, 'Trường Khác');
    const stranger = await accounts.createUser(h.app.sbd.ctx, other.id, { username: 'la', fullName: 'Người trường khác', department: '', roles: [{ role: 'teacher' }] });
    const auth = { authorization: `Bearer ${admin.token}` };
    for (const request of [
      { method: 'POST' as const, url: `/api/admin/users/${stranger.user.id}/reset` },
      { method: 'POST' as const, url: `/api/admin/users/${stranger.user.id}/revoke` },
      { method: 'PATCH' as const, url: `/api/admin/users/${stranger.user.id}`, payload: { active: false } },
      { method: 'POST' as const, url: '/api/admin/mentorships', payload: { mentorId: admin.user.id, teacherId: stranger.user.id } },
    ]) {
      const response = await h.app.inject({ ...request, headers: auth });
      expect(response.statusCode, request.url).toBe(404);
    }
    const list = await h.app.inject({ url: '/api/admin/users', headers: auth });
    expect(list.json().users.map((u: { username: string }) => u.username)).not.toContain('la');
  });
});
