import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/sync/leaderApi.ts';
import { harnessFor, PASSWORD } from './harness.ts';
import { STORES } from './stores.ts';

describe.each(STORES)('audit log on %s', (kind) => {
  const setup = harnessFor(kind);

  async function school() {
    const h = await setup();
    const admin = await h.user('quantri', [{ role: 'admin' }], { fullName: 'Đỗ Văn Quản' });
    const lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan', department: 'Toán' });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const audit = async (query = '', token = admin.token) => {
      const response = await h.app.inject({ url: `/api/admin/audit${query}`, headers: as(token) });
      return { status: response.statusCode, body: response.json<AuditPage & { error?: { code: string } }>() };
    };
    return { h, admin, lan, as, audit };
  }

  it('records logins, failed logins, role changes, deactivation, resets and settings with who, whom and when', async () => {
    const { h, admin, lan, as, audit } = await school();
    h.clock.advanceMinutes(1);
    await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: 'sai-mat-khau' }, remoteAddress: '10.1.2.3' });
    h.clock.advanceMinutes(1);
    await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: as(admin.token), payload: { roles: [{ role: 'teacher' }, { role: 'mentor' }] } });
    h.clock.advanceMinutes(1);
    await h.app.inject({ method: 'PATCH', url: `/api/admin/users/${lan.user.id}`, headers: as(admin.token), payload: { active: false } });
    h.clock.advanceMinutes(1);
    // A deactivated user's login is refused and logged as such.
    await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: PASSWORD } });
    h.clock.advanceMinutes(1);
    await h.app.inject({ method: 'POST', url: `/api/admin/users/${lan.user.id}/reset`, headers: as(admin.token) });
    h.clock.advanceMinutes(1);
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/admin/settings',
      headers: as(admin.token),
      payload: {
        schoolName: 'THCS Lộc Nga',
        governingBody: 'PHÒNG GD&ĐT HUYỆN LỘC HÀ',
        placeName: 'Lộc Nga',
        pdfTitle: 'SỔ BỒI DƯỠNG CHUYÊN MÔN, NGHIỆP VỤ',
        observationRubricId: 'phieu-20',
        ratingThresholds: { gioi: 18, kha: 13.5, trungBinh: 10 },
        minObservationsPerSemester: 6,
        minTietPerProgram: { '01': 20, '02': 20, '03': 20 },
      },
    });
    expect(put.statusCode).toBe(200);

    const { status, body } = await audit();
    expect(status).toBe(200);
    const actions = body.entries.map((e) => e.action);
    // Newest first; logins of the harness come from activation.
    expect(actions.slice(0, 7)).toEqual(['settings.update', 'user.reset', 'login.failed', 'user.deactivate', 'user.roles', 'login.failed', 'activate']);
    const [settings, reset, disabled, deactivate, roles, failed] = body.entries;
    expect(settings).toMatchObject({ actorId: admin.user.id, actorName: 'Đỗ Văn Quản', detail: { minObservationsPerSemester: { from: 4, to: 6 }, placeName: { from: '', to: 'Lộc Nga' } } });
    expect(Object.keys(settings!.detail)).not.toContain('pdfTitle');
    expect(reset).toMatchObject({ targetId: lan.user.id, targetName: 'Nguyễn Thị Lan' });
    expect(deactivate).toMatchObject({ actorName: 'Đỗ Văn Quản', targetName: 'Nguyễn Thị Lan', at: new Date(h.clock.now - 3 * 60_000).toISOString() });
    expect(disabled).toMatchObject({ targetId: lan.user.id, detail: { reason: 'disabled' } });
    expect(roles!.detail).toEqual({ from: [{ role: 'teacher', department: '' }], to: [{ role: 'mentor', department: '' }, { role: 'teacher', department: '' }] });
    expect(failed).toMatchObject({ actorId: null, targetId: lan.user.id, detail: { username: 'lan', reason: 'password' }, ip: '10.1.2.3' });
    expect((await audit('?action=login.failed')).body.entries.map((e) => e.detail.reason)).toEqual(['disabled', 'password']);
  });

  it('filters by action, user and dates, pages with a cursor, and has no way to change or delete an entry', async () => {
    const { h, admin, lan, as, audit } = await school();
    for (let i = 0; i < 5; i++) {
      h.clock.advanceDays(1);
      await h.app.inject({ method: 'POST', url: `/api/admin/users/${lan.user.id}/revoke`, headers: as(admin.token) });
    }
    const revokes = await audit('?action=user.revoke&limit=2');
    expect(revokes.body.entries).toHaveLength(2);
    expect(revokes.body.nextCursor).toEqual(expect.any(String));
    const seen = [...revokes.body.entries];
    let cursor = revokes.body.nextCursor;
    while (cursor) {
      const page = await audit(`?action=user.revoke&limit=2&before=${encodeURIComponent(cursor)}`);
      seen.push(...page.body.entries);
      cursor = page.body.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(5);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());

    const day = (offset: number) => new Date(Date.UTC(2024, 8, 5 + offset)).toISOString().slice(0, 10);
    const window = await audit(`?from=${day(2)}&to=${day(3)}`);
    expect(window.body.entries.map((e) => e.action)).toEqual(['user.revoke', 'user.revoke']);
    const aboutAdmin = await audit(`?userId=${admin.user.id}&action=activate`);
    expect(aboutAdmin.body.entries.map((e) => e.targetId)).toEqual([admin.user.id]);

    expect((await audit('?action=xoa')).status).toBe(400);
    // Teachers cannot read it; nothing updates or deletes it.
    const again = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: PASSWORD } });
    expect((await audit('', again.json<{ token: string }>().token)).status).toBe(403);
    const id = seen[0]!.id;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const response = await h.app.inject({ method, url: `/api/admin/audit/${id}`, headers: as(admin.token), payload: {} });
      expect(response.statusCode).toBe(404);
    }
  });

  it("shows an admin only her own school's log", async () => {
    const { h, audit } = await school();
    const { createSchool, createUser } = await import('../../src/server/store/accounts.ts');
    const other = await createSchool(h.app.sbd.ctx, 'THCS Khác');
    const created = await createUser(h.app.sbd.ctx, other.id, { username: 'quantri2', fullName: 'Quản trị khác', department: '', roles: [{ role: 'admin' }] });
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'quantri2', code: created.activationCode, password: PASSWORD } });
    const token = login.json<{ token: string }>().token;
    const theirs = await audit('', token);
    expect(theirs.body.entries.map((e) => e.targetName)).toEqual(['Quản trị khác']);
    expect((await audit()).body.entries.map((e) => e.targetName)).not.toContain('Quản trị khác');
  });

  it('validates settings with the field that is wrong and changes nothing', async () => {
    const { h, admin, as, audit } = await school();
    const before = await h.app.inject({ url: '/api/admin/settings', headers: as(admin.token) });
    const bad = await h.app.inject({ method: 'PUT', url: '/api/admin/settings', headers: as(admin.token), payload: { ...before.json().settings, minObservationsPerSemester: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('minObservationsPerSemester');
    expect((await h.app.inject({ url: '/api/admin/settings', headers: as(admin.token) })).json()).toEqual(before.json());
    expect((await audit('?action=settings.update')).body.entries).toEqual([]);
  });
});
