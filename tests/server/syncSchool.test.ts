import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOL_SETTINGS } from '../../src/domain/schoolSettings.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { getSchoolSettings, updateSchoolSettings } from '../../src/server/store/school.ts';
import type { MentorshipInfo, MentorshipList, SessionResponse } from '../../src/sync/protocol.ts';
import { harnessFor, PASSWORD } from './harness.ts';
import { STORES } from './stores.ts';

describe.each(STORES)('school context and mentor pairs on %s', (kind) => {
  const setup = harnessFor(kind);

  async function school() {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Lan' });
    const hoa = await h.user('hoa', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Trần Thị Hòa' });
    const admin = await h.user('admin', [{ role: 'admin' }], { fullName: 'Quản trị viên' });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    return { h, lan, hoa, admin, as };
  }

  it('the sync answer carries the school context only when the client’s version is older', async () => {
    const { h, lan, hoa } = await school();
    const first = await h.syncAs(lan.token, {});
    const context = first.body.school!;
    expect(context.settings).toEqual(DEFAULT_SCHOOL_SETTINGS);
    expect(context.schoolName).toBe('THCS Thử Nghiệm');
    expect(context.directory).toEqual([
      { userId: lan.user.id, fullName: 'Nguyễn Thị Lan', department: 'Toán', active: true },
      { userId: expect.any(String), fullName: 'Quản trị viên', department: '', active: true },
      { userId: hoa.user.id, fullName: 'Trần Thị Hòa', department: 'Văn', active: true },
    ]);
    expect(context.mentorships).toEqual({ mentees: [], mentors: [] });
    expect((await h.syncAs(lan.token, { schoolVersion: context.version })).body.school).toBeUndefined();

    // Every change of users, roles, mentor pairs or settings gives a new version.
    const versions = [context.version];
    const changes: Array<() => Promise<unknown>> = [
      () => accounts.addMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, lan.user.id),
      () => accounts.updateUser(h.app.sbd.ctx, h.schoolId, hoa.user.id, { department: 'Ngữ văn' }),
      () => accounts.updateUser(h.app.sbd.ctx, h.schoolId, hoa.user.id, { roles: [{ role: 'teacher' }, { role: 'mentor' }, { role: 'leader', department: 'Ngữ văn' }] }),
      () => updateSchoolSettings(h.app.sbd.ctx, h.schoolId, { placeName: 'Lộc Hà', minObservationsPerSemester: 6 }),
      () => accounts.updateUser(h.app.sbd.ctx, h.schoolId, hoa.user.id, { active: false }),
    ];
    for (const change of changes) {
      await change();
      const next = (await h.syncAs(lan.token, { schoolVersion: versions.at(-1) })).body.school;
      expect(next?.version).toBeDefined();
      versions.push(next!.version);
    }
    expect(new Set(versions).size).toBe(versions.length);
    const latest = (await h.syncAs(lan.token, {})).body.school!;
    expect(latest.settings).toMatchObject({ placeName: 'Lộc Hà', minObservationsPerSemester: 6, pdfTitle: DEFAULT_SCHOOL_SETTINGS.pdfTitle });
    expect(latest.mentorships.mentors).toEqual([{ userId: hoa.user.id, fullName: 'Trần Thị Hòa', department: 'Ngữ văn' }]);
    expect(latest.directory.find((u) => u.userId === hoa.user.id)).toMatchObject({ active: false });
  });

  it('settings: stored over the defaults, validated, limited to the school', async () => {
    const { h } = await school();
    const ctx = h.app.sbd.ctx;
    await h.conn.db.updateTable('schools').set({ settings: JSON.stringify({ schoolName: 'THCS Lộc Nga' }) }).where('id', '=', h.schoolId).execute();
    expect(await getSchoolSettings(ctx, h.schoolId)).toEqual({ ...DEFAULT_SCHOOL_SETTINGS, schoolName: 'THCS Lộc Nga' });
    await expect(updateSchoolSettings(ctx, h.schoolId, { minObservationsPerSemester: -1 })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(await getSchoolSettings(ctx, h.schoolId)).toEqual({ ...DEFAULT_SCHOOL_SETTINGS, schoolName: 'THCS Lộc Nga' });
    await expect(getSchoolSettings(ctx, 'no-such-school')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('GET, POST and DELETE /api/admin/mentorships: admin only, own school, with names', async () => {
    const { h, lan, hoa, admin, as } = await school();
    const list = async (token = admin.token) => h.app.inject({ url: '/api/admin/mentorships', headers: as(token) });
    // The clock is 05/09/2024: the current school year is 2024–2025.
    expect((await list()).json()).toEqual({ year: 2024, currentYear: 2024, years: [2024], mentorships: [] });
    const added = await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: as(admin.token), payload: { mentorId: hoa.user.id, teacherId: lan.user.id } });
    expect(added.statusCode).toBe(204);
    expect((await list()).json<{ mentorships: MentorshipInfo[] }>().mentorships).toEqual([
      { mentorId: hoa.user.id, mentorName: 'Trần Thị Hòa', teacherId: lan.user.id, teacherName: 'Nguyễn Thị Lan', year: 2024, createdAt: new Date(h.clock.now).toISOString() },
    ]);
    // Not an admin: 403 with a Vietnamese message; no session: 401.
    const teacher = await list(lan.token);
    expect(teacher.statusCode).toBe(403);
    expect(teacher.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('quyền') });
    expect((await h.app.inject({ url: '/api/admin/mentorships' })).statusCode).toBe(401);
    // Someone of another school cannot be paired, and the pairs of another school are not listed.
    const other = await accounts.createSchool(h.app.sbd.ctx, 'Trường Khác');
    const stranger = await accounts.createUser(h.app.sbd.ctx, other.id, { username: 'ngoai', fullName: 'Người Ngoài', department: '', roles: [{ role: 'teacher' }] });
    const refused = await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: as(admin.token), payload: { mentorId: hoa.user.id, teacherId: stranger.user.id } });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    const invalid = await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: as(admin.token), payload: { mentorId: hoa.user.id } });
    expect(invalid.statusCode).toBe(400);

    const removed = await h.app.inject({ method: 'DELETE', url: `/api/admin/mentorships/${hoa.user.id}/${lan.user.id}`, headers: as(admin.token) });
    expect(removed.statusCode).toBe(204);
    expect((await list()).json()).toEqual({ year: 2024, currentYear: 2024, years: [2024], mentorships: [] });
  });

  it('pairs per school year: listed by year, removed from one year only, last year’s copied into this one (active users only), audited', async () => {
    const { h, lan, hoa, admin, as } = await school();
    const ctx = h.app.sbd.ctx;
    const binh = await h.user('binh', [{ role: 'teacher' }], { fullName: 'Lê Văn Bình' });
    const post = (payload: Record<string, unknown>, url = '/api/admin/mentorships') => h.app.inject({ method: 'POST', url, headers: as(admin.token), payload });
    const list = async (query = '') => (await h.app.inject({ url: `/api/admin/mentorships${query}`, headers: as(admin.token) })).json<MentorshipList>();
    const names = (l: MentorshipList) => l.mentorships.map((m) => `${m.mentorName} → ${m.teacherName} (${m.year})`);
    expect((await post({ mentorId: hoa.user.id, teacherId: lan.user.id, year: 2023 })).statusCode).toBe(204);
    expect((await post({ mentorId: hoa.user.id, teacherId: binh.user.id, year: 2023 })).statusCode).toBe(204);
    expect((await post({ mentorId: hoa.user.id, teacherId: lan.user.id, year: 1990 })).statusCode).toBe(400);
    expect(names(await list())).toEqual([]);
    expect(await list('?year=2023')).toMatchObject({ year: 2023, currentYear: 2024, years: [2024, 2023] });
    expect(names(await list('?year=2023'))).toEqual(['Trần Thị Hòa → Lê Văn Bình (2023)', 'Trần Thị Hòa → Nguyễn Thị Lan (2023)']);
    expect((await h.app.inject({ url: '/api/admin/mentorships?year=abc', headers: as(admin.token) })).statusCode).toBe(400);

    // Bình has left: copying 2023–2024 brings only Lan's pair into 2024–2025, and twice changes nothing.
    await accounts.updateUser(ctx, h.schoolId, binh.user.id, { active: false });
    const copy = await post({}, '/api/admin/mentorships/copy');
    expect(copy.json()).toEqual({ from: 2023, to: 2024, copied: 1 });
    expect((await post({}, '/api/admin/mentorships/copy')).json()).toEqual({ from: 2023, to: 2024, copied: 0 });
    expect(names(await list())).toEqual(['Trần Thị Hòa → Nguyễn Thị Lan (2024)']);
    expect((await post({ from: 2024, to: 2024 }, '/api/admin/mentorships/copy')).statusCode).toBe(400);

    // Removing last year's pair leaves this year's (and so her access) alone.
    const removed = await h.app.inject({ method: 'DELETE', url: `/api/admin/mentorships/${hoa.user.id}/${lan.user.id}?year=2023`, headers: as(admin.token) });
    expect(removed.statusCode).toBe(204);
    expect(names(await list('?year=2023'))).toEqual(['Trần Thị Hòa → Lê Văn Bình (2023)']);
    expect((await h.syncAs(hoa.token, {})).body.scopes.find((s) => s.ownerId === lan.user.id)?.access).toBe('mentor');

    const audit = await h.app.inject({ url: '/api/admin/audit?action=mentorship.copy', headers: as(admin.token) });
    expect(audit.json().entries.map((e: { detail: unknown }) => e.detail)).toEqual([{ from: 2023, to: 2024, copied: 1 }]);
    const removals = await h.app.inject({ url: '/api/admin/audit?action=mentorship.remove', headers: as(admin.token) });
    expect(removals.json().entries.map((e: { detail: unknown }) => e.detail)).toEqual([{ mentorId: hoa.user.id, mentorName: 'Trần Thị Hòa', year: 2023 }]);
  });

  it('semester dates set by the school: validated per field, sent to teachers with the context, and they decide the current school year', async () => {
    const { h, lan, hoa, admin, as } = await school();
    const put = (schoolYears: unknown) => h.app.inject({ method: 'PUT', url: '/api/admin/settings', headers: as(admin.token), payload: { ...DEFAULT_SCHOOL_SETTINGS, schoolYears } });
    const wrong = await put([{ startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-20', hk2Start: '2025-01-10', hk2End: '2025-08-25' }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues).toEqual([
      { path: 'schoolYears.0.hk1Start', message: 'Các ngày phải nằm trong năm học (từ tháng 8 năm đầu tới tháng 7 năm sau).' },
      { path: 'schoolYears.0.hk2Start', message: 'Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc.' },
    ]);
    const twice = await put([
      { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-11', hk2Start: '2025-01-13', hk2End: '2025-05-24' },
      { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-11', hk2Start: '2025-01-13', hk2End: '2025-05-24' },
    ]);
    expect(twice.json().error.issues).toEqual([{ path: 'schoolYears.1.startYear', message: 'Năm học này đã có trong danh sách.' }]);

    // 2024–2025 runs to 12/06/2025 at this school: on 05/06/2025 it is still the current year.
    const dates = { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-11', hk2Start: '2025-01-13', hk2End: '2025-06-12' };
    expect((await put([dates])).statusCode).toBe(200);
    const context = (await h.syncAs(lan.token, {})).body.school!;
    expect(context.settings.schoolYears).toEqual([dates]);
    await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, lan.user.id);
    const login = async (username: string) => (await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).json<SessionResponse>();
    h.clock.now = Date.UTC(2025, 5, 5, 3, 0, 0);
    expect((await h.syncAs((await login('hoa')).token, {})).body.scopes.find((s) => s.ownerId === lan.user.id)?.access).toBe('mentor');
    // After its last day the calendar rule opens 2025–2026, which has no pairs yet.
    h.clock.now = Date.UTC(2025, 5, 13, 3, 0, 0);
    const after = await h.syncAs((await login('hoa')).token, { schoolVersion: context.version });
    expect(after.body.scopes.find((s) => s.ownerId === lan.user.id)).toBeUndefined();
    expect(after.body.school?.mentorships.mentees).toEqual([]);
  });
});
