import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOL_SETTINGS } from '../../src/domain/schoolSettings.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { getSchoolSettings, updateSchoolSettings } from '../../src/server/store/school.ts';
import type { MentorshipInfo } from '../../src/sync/protocol.ts';
import { harnessFor } from './harness.ts';
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
    expect((await list()).json()).toEqual({ mentorships: [] });
    const added = await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: as(admin.token), payload: { mentorId: hoa.user.id, teacherId: lan.user.id } });
    expect(added.statusCode).toBe(204);
    expect((await list()).json<{ mentorships: MentorshipInfo[] }>().mentorships).toEqual([
      { mentorId: hoa.user.id, mentorName: 'Trần Thị Hòa', teacherId: lan.user.id, teacherName: 'Nguyễn Thị Lan', createdAt: new Date(h.clock.now).toISOString() },
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
    expect((await list()).json()).toEqual({ mentorships: [] });
  });
});
