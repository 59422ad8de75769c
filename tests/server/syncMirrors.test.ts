import { describe, expect, it } from 'vitest';
import * as accounts from '../../src/server/store/accounts.ts';
import type { Change, Mutation, SessionResponse } from '../../src/sync/protocol.ts';
import { harnessFor, PASSWORD, type Harness } from './harness.ts';
import { observation } from './scopeFixtures.ts';
import { STORES } from './stores.ts';

/** A colleague's observation of a teacher's lesson is mirrored, read-only, into the teacher's scope. */
describe.each(STORES)('observation mirrors on %s', (kind) => {
  const setup = harnessFor(kind);

  async function school() {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Lan' });
    const binh = await h.user('binh', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Lê Văn Bình' });
    const chi = await h.user('chi', [{ role: 'teacher' }], { department: 'Văn', fullName: 'Phạm Thị Chi' });
    const hoa = await h.user('hoa', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Trần Thị Hòa' });
    await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, binh.user.id);
    let next = 0;
    const observe = (id: string, fields: Record<string, unknown>): Mutation => ({ mutationId: ++next, scopeId: lan.user.scopeId!, table: 'observations', recordId: id, op: 'put', fields });
    const remove = (id: string): Mutation => ({ mutationId: ++next, scopeId: lan.user.scopeId!, table: 'observations', recordId: id, op: 'delete' });
    return { h, lan, binh, chi, hoa, observe, remove };
  }

  async function pull(h: Harness, who: SessionResponse, scopeId: string): Promise<Change[]> {
    const response = await h.syncAs(who.token, { clientId: `pull-${who.user.username}`, cursors: { [scopeId]: 0 } });
    return response.body.changes.filter((c) => c.scopeId === scopeId);
  }

  it('writes the mirror with the observer, follows edits, a change of teacher and the delete', async () => {
    const { h, lan, binh, chi, hoa, observe, remove } = await school();
    const pushed = await h.syncAs(lan.token, { mutations: [observe('o1', observation('o1', { teacherUserId: binh.user.id, teacherName: 'Lê Văn Bình' }))] });
    expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });

    let mirror = (await pull(h, binh, binh.user.scopeId!)).find((c) => c.id === 'o1')!;
    expect(mirror).toMatchObject({ table: 'observedLessons', deleted: false });
    expect(mirror.record).toMatchObject({ ...observation('o1', { teacherUserId: binh.user.id, teacherName: 'Lê Văn Bình' }), observerUserId: lan.user.id, observerName: 'Nguyễn Thị Lan', sourceScopeId: lan.user.scopeId });
    // Bình's mentor reads it with the rest of Bình's observations.
    expect((await pull(h, hoa, binh.user.scopeId!)).map((c) => [c.table, c.id])).toEqual([['observedLessons', 'o1']]);

    await h.syncAs(lan.token, { mutations: [{ ...observe('o1', { strengths: 'Hệ thống câu hỏi tốt' }), base: { strengths: 'Học sinh sôi nổi' } } as Mutation] });
    mirror = (await pull(h, binh, binh.user.scopeId!)).find((c) => c.id === 'o1')!;
    expect(mirror.record).toMatchObject({ strengths: 'Hệ thống câu hỏi tốt', observerName: 'Nguyễn Thị Lan' });

    await h.syncAs(lan.token, { mutations: [observe('o1', { teacherUserId: chi.user.id, teacherName: 'Phạm Thị Chi' })] });
    expect((await pull(h, binh, binh.user.scopeId!)).find((c) => c.id === 'o1')).toMatchObject({ table: 'observedLessons', deleted: true, record: null });
    expect((await pull(h, chi, chi.user.scopeId!)).find((c) => c.id === 'o1')?.record).toMatchObject({ teacherUserId: chi.user.id, strengths: 'Hệ thống câu hỏi tốt' });

    await h.syncAs(lan.token, { mutations: [remove('o1')] });
    expect((await pull(h, chi, chi.user.scopeId!)).find((c) => c.id === 'o1')).toMatchObject({ deleted: true });
    // Brought back by a later edit: the mirror comes back too.
    await h.syncAs(lan.token, { mutations: [observe('o1', { weaknesses: 'Thiếu thời gian củng cố' })] });
    expect((await pull(h, chi, chi.user.scopeId!)).find((c) => c.id === 'o1')).toMatchObject({ deleted: false, record: expect.objectContaining({ weaknesses: 'Thiếu thời gian củng cố' }) });
    // The observer's own scope holds only her observation.
    expect((await pull(h, lan, lan.user.scopeId!)).map((c) => c.table)).toEqual(['observations']);
  });

  it('no mirror for the observer herself, someone outside the school or without an account; the teacher cannot write the mirror', async () => {
    const { h, lan, binh, observe } = await school();
    const other = await accounts.createSchool(h.app.sbd.ctx, 'Trường Khác');
    const stranger = await accounts.createUser(h.app.sbd.ctx, other.id, { username: 'ngoai', fullName: 'Người Ngoài', department: 'Toán', roles: [{ role: 'teacher' }] });
    const strangerSession = (await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'ngoai', code: stranger.activationCode, password: PASSWORD } })).json<SessionResponse>();
    const response = await h.syncAs(lan.token, {
      mutations: [
        observe('o-self', observation('o-self', { teacherUserId: lan.user.id })),
        observe('o-out', observation('o-out', { teacherUserId: stranger.user.id })),
        observe('o-none', observation('o-none', { teacherUserId: null, teacherName: 'Giáo viên trường bạn' })),
      ],
    });
    expect(response.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const records = await h.conn.db.selectFrom('records').select(['scope_id', 'tbl', 'record_id']).where('tbl', '=', 'observedLessons').execute();
    expect(records).toEqual([]);
    expect(await pull(h, strangerSession, stranger.user.scopeId!)).toEqual([]);

    await h.syncAs(lan.token, { mutations: [observe('o2', observation('o2', { teacherUserId: binh.user.id }))] });
    const put = await h.syncAs(binh.token, {
      mutations: [{ mutationId: 1, scopeId: binh.user.scopeId!, table: 'observedLessons', recordId: 'o2', op: 'put', fields: { strengths: 'Tự khen' } }],
    });
    expect(put.body.results[0]).toMatchObject({ status: 'rejected', code: 'read_only_table' });
  });

  it('two observers pushing mirrors into each other’s scopes at once both succeed (scopes locked in one order)', async () => {
    const { h, lan, binh } = await school();
    const lanObserves = h.syncAs(lan.token, {
      clientId: 'device-lan-1',
      mutations: Array.from({ length: 5 }, (_, i) => ({ mutationId: i + 1, scopeId: lan.user.scopeId!, table: 'observations' as const, recordId: `l${i}`, op: 'put' as const, fields: observation(`l${i}`, { teacherUserId: binh.user.id }) })),
    });
    const binhObserves = h.syncAs(binh.token, {
      clientId: 'device-binh-1',
      mutations: Array.from({ length: 5 }, (_, i) => ({ mutationId: i + 1, scopeId: binh.user.scopeId!, table: 'observations' as const, recordId: `b${i}`, op: 'put' as const, fields: observation(`b${i}`, { teacherUserId: lan.user.id }) })),
    });
    const [a, b] = await Promise.all([lanObserves, binhObserves]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await pull(h, lan, lan.user.scopeId!)).filter((c) => c.table === 'observedLessons').map((c) => c.id).sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    const revs = (await pull(h, binh, binh.user.scopeId!)).map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs).size).toBe(10);
  });
});
