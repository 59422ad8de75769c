import { describe, expect, it } from 'vitest';
import * as accounts from '../../src/server/store/accounts.ts';
import type { Mutation, MutationResult, SessionResponse } from '../../src/sync/protocol.ts';
import { SYNC_TABLE_NAMES, SYNC_TABLES, type SyncTable } from '../../src/sync/tables.ts';
import { harnessFor, PASSWORD, type Harness } from './harness.ts';
import { recordOf } from './scopeFixtures.ts';
import { STORES } from './stores.ts';

/**
 * The permission matrix (docs/sync.md, access levels and write rules): every role × every synced
 * table × read (pull), put and delete, against one teacher's logbook (Lan, tổ Toán).
 */
type Role = 'owner' | 'mentor' | 'formerMentor' | 'lastYearMentor' | 'mentorAndToTruong' | 'toTruongSameTo' | 'toTruongOtherTo' | 'banGiamHieu' | 'adminOnly' | 'otherSchool';
type Access = 'owner' | 'leader' | 'mentor' | null;

const ACCESS: Record<Role, Access> = {
  owner: 'owner',
  mentor: 'mentor',
  formerMentor: null,
  // Paired with Lan for 2023–2024 only (the clock is in 2024–2025): last year's pair grants nothing.
  lastYearMentor: null,
  // A mentor who is also a leader over the teacher reads as a leader.
  mentorAndToTruong: 'leader',
  toTruongSameTo: 'leader',
  toTruongOtherTo: null,
  banGiamHieu: 'leader',
  adminOnly: null,
  otherSchool: null,
};

const MENTOR_READS: SyncTable[] = ['profile', 'schoolYears', 'observations', 'observedLessons', 'annotations', 'innovationTopics'];

function reads(access: Access, table: SyncTable): boolean {
  if (access === 'owner') return true;
  if (access === 'leader') return table !== 'conflicts';
  if (access === 'mentor') return MENTOR_READS.includes(table);
  return false;
}

type Expected = 'applied' | 'forbidden' | 'read_only_table';

function expectedPut(access: Access, table: SyncTable): Expected {
  if (!access) return 'forbidden';
  const { write } = SYNC_TABLES[table];
  if (write === 'server') return 'read_only_table';
  if (write === 'owner') return access === 'owner' ? 'applied' : 'forbidden';
  if (write === 'leader') return access === 'leader' ? 'applied' : 'forbidden';
  return 'applied'; // author: owner, mentor and leaders, each their own records
}

function expectedDelete(access: Access, table: SyncTable): Expected {
  if (!access) return 'forbidden';
  const { write } = SYNC_TABLES[table];
  if (write === 'server') return access === 'owner' ? 'applied' : 'forbidden';
  return expectedPut(access, table);
}

function outcome(result: MutationResult | undefined): string {
  if (!result) return 'missing';
  return result.status === 'rejected' ? result.code : result.status;
}

async function activatedUserOfOtherSchool(h: Harness): Promise<SessionResponse> {
  const other = await accounts.createSchool(h.app.sbd.ctx, 'THCS Trường Khác');
  const created = await accounts.createUser(h.app.sbd.ctx, other.id, { username: 'bgh.khac', fullName: 'Hiệu trưởng khác', department: 'Toán', roles: [{ role: 'leader' }, { role: 'teacher' }] });
  const response = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'bgh.khac', code: created.activationCode, password: PASSWORD } });
  return response.json<SessionResponse>();
}

describe.each(STORES)('permission matrix on %s', (kind) => {
  const setup = harnessFor(kind);

  async function school() {
    const h = await setup();
    const ctx = h.app.sbd.ctx;
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Lan' });
    const sessions: Record<Role, SessionResponse> = {
      owner: lan,
      mentor: await h.user('hoa', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Trần Thị Hòa' }),
      formerMentor: await h.user('cuong', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Lê Văn Cường' }),
      lastYearMentor: await h.user('dung', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Bùi Thị Dung' }),
      mentorAndToTruong: await h.user('tt.toan', [{ role: 'teacher' }, { role: 'leader', department: 'Toán' }], { department: 'Toán', fullName: 'Phạm Thị Toán' }),
      toTruongSameTo: await h.user('pho.toan', [{ role: 'leader', department: 'Toán' }], { department: 'Toán', fullName: 'Đỗ Văn Phó' }),
      toTruongOtherTo: await h.user('tt.van', [{ role: 'teacher' }, { role: 'leader', department: 'Văn' }], { department: 'Văn', fullName: 'Vũ Thị Văn' }),
      banGiamHieu: await h.user('hieutruong', [{ role: 'leader' }], { fullName: 'Hoàng Văn Hiệu' }),
      adminOnly: await h.user('admin', [{ role: 'admin' }], { fullName: 'Quản trị' }),
      otherSchool: await activatedUserOfOtherSchool(h),
    };
    await accounts.addMentorship(ctx, h.schoolId, sessions.mentor.user.id, lan.user.id);
    await accounts.addMentorship(ctx, h.schoolId, sessions.mentorAndToTruong.user.id, lan.user.id);
    await accounts.addMentorship(ctx, h.schoolId, sessions.formerMentor.user.id, lan.user.id);
    await accounts.removeMentorship(ctx, h.schoolId, sessions.formerMentor.user.id, lan.user.id);
    await accounts.addMentorship(ctx, h.schoolId, sessions.lastYearMentor.user.id, lan.user.id, undefined, 2023);
    // Hòa mentored Lan last year too: her access is this year's pair, nothing doubles.
    await accounts.addMentorship(ctx, h.schoolId, sessions.mentor.user.id, lan.user.id, undefined, 2023);
    return { h, lan, scope: lan.user.scopeId!, sessions };
  }

  /** One record of every table in Lan's scope, written straight into the store. */
  async function seed(h: Harness, scope: string, author: { id: string; name: string }) {
    let rev = 0;
    for (const table of SYNC_TABLE_NAMES) {
      const data = recordOf(table, `seed-${table}`, author) ?? { id: `seed-${table}` };
      rev += 1;
      await h.conn.db
        .insertInto('records')
        .values({ scope_id: scope, tbl: table, record_id: table === 'profile' ? 'profile' : `seed-${table}`, rev, deleted: 0, data: JSON.stringify(data), updated_at: h.clock.now, deleted_at: null })
        .execute();
    }
    await h.conn.db.updateTable('scopes').set({ rev }).where('id', '=', scope).execute();
  }

  it('fixtures pass their schemas', () => {
    for (const table of SYNC_TABLE_NAMES) {
      const record = recordOf(table, `x-${table}`, { id: 'u1', name: 'Người viết' });
      if (record) expect(SYNC_TABLES[table].schema.safeParse(record).success, table).toBe(true);
    }
  });

  it('reads: each role receives exactly the tables of its access level', async () => {
    const { h, scope, sessions, lan } = await school();
    await seed(h, scope, { id: lan.user.id, name: 'Nguyễn Thị Lan' });
    for (const [role, session] of Object.entries(sessions) as Array<[Role, SessionResponse]>) {
      const access = ACCESS[role];
      const pulled = await h.syncAs(session.token, { clientId: `read-${role}`.slice(0, 60), cursors: { [scope]: 0 }, limit: 1000 });
      expect(pulled.status, role).toBe(200);
      const tables = [...new Set(pulled.body.changes.filter((c) => c.scopeId === scope).map((c) => c.table))].sort();
      expect(tables, role).toEqual(SYNC_TABLE_NAMES.filter((t) => reads(access, t)).sort());
      expect(pulled.body.denied.includes(scope), `${role} denied`).toBe(access === null);
      expect(pulled.body.scopes.find((s) => s.scopeId === scope)?.access ?? null, `${role} access`).toBe(access);
      if (access && access !== 'owner') expect(pulled.body.cursors[scope], `${role} cursor`).toBe(SYNC_TABLE_NAMES.length);
    }
  });

  it('writes: put and delete per table follow the write rules, each refusal a per-mutation rejection', async () => {
    const { h, scope, sessions } = await school();
    for (const [role, session] of Object.entries(sessions) as Array<[Role, SessionResponse]>) {
      const access = ACCESS[role];
      const me = { id: session.user.id, name: session.user.fullName };
      const mutations: Mutation[] = [];
      const expected: Array<[string, Expected | 'notForbidden']> = [];
      let next = 0;
      for (const table of SYNC_TABLE_NAMES) {
        const id = table === 'profile' ? 'profile' : `${table}-${role}`;
        const record = recordOf(table, id, me);
        const put = expectedPut(access, table);
        mutations.push({ mutationId: ++next, scopeId: scope, table, recordId: id, op: 'put', fields: record ?? { id } });
        // Without a fixture (SKKN tables) an allowed put may be refused as invalid: only 'not forbidden' is checked.
        expected.push([`${table} put`, put === 'applied' && !record ? 'notForbidden' : put]);
        mutations.push({ mutationId: ++next, scopeId: scope, table, recordId: id, op: 'delete' });
        expected.push([`${table} delete`, expectedDelete(access, table)]);
      }
      const response = await h.syncAs(session.token, { clientId: `write-${role}`.slice(0, 60), mutations });
      expect(response.status, role).toBe(200);
      const results = new Map(response.body.results.map((r) => [r.mutationId, r]));
      mutations.forEach((m, i) => {
        const [label, want] = expected[i]!;
        const got = results.get(m.mutationId);
        if (want === 'notForbidden') expect(outcome(got), `${role}: ${label}`).not.toBe('forbidden');
        else expect(outcome(got), `${role}: ${label}`).toBe(want);
        if (got?.status === 'rejected' && got.code === 'forbidden') expect(got.message, `${role}: ${label}`).toMatch(/^[A-ZĐ].*[\u00C0-\u1EF9]/u);
      });
    }
  });

  it('an author writes only her own records: never another person’s annotation or confirmation, nor one naming someone else', async () => {
    const { h, scope, sessions, lan } = await school();
    const mentor = sessions.mentor;
    const leader = sessions.toTruongSameTo;
    const asMentor = { id: mentor.user.id, name: mentor.user.fullName };
    const asLeader = { id: leader.user.id, name: leader.user.fullName };
    const put = (id: string, table: SyncTable, fields: Record<string, unknown>, mutationId: number): Mutation => ({ mutationId, scopeId: scope, table, recordId: id, op: 'put', fields });
    const first = await h.syncAs(mentor.token, {
      clientId: 'mentor-device-1',
      mutations: [put('a1', 'annotations', recordOf('annotations', 'a1', asMentor)!, 1)],
    });
    expect(outcome(first.body.results[0])).toBe('applied');
    await h.syncAs(leader.token, { clientId: 'leader-device-1', mutations: [put('c1', 'confirmations', recordOf('confirmations', 'c1', asLeader)!, 1)] });

    const byOwner = await h.syncAs(lan.token, {
      clientId: 'lan-device-001',
      mutations: [
        put('a1', 'annotations', { text: 'Sửa lời người khác' }, 1),
        { mutationId: 2, scopeId: scope, table: 'annotations', recordId: 'a1', op: 'delete' },
        { mutationId: 3, scopeId: scope, table: 'confirmations', recordId: 'c1', op: 'delete' },
        // A reply is hers only when it names her as its author.
        put('a2', 'annotations', recordOf('annotations', 'a2', asMentor)!, 4),
        put('a3', 'annotations', { ...recordOf('annotations', 'a3', { id: lan.user.id, name: 'Lan' })!, threadId: 'a1' }, 5),
      ],
    });
    expect(byOwner.body.results.map(outcome)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'applied']);
    // The author cannot hand her record to someone else either.
    const handOver = await h.syncAs(mentor.token, { clientId: 'mentor-device-1', mutations: [put('a1', 'annotations', { authorUserId: lan.user.id }, 2)] });
    expect(outcome(handOver.body.results[0])).toBe('forbidden');
    // She edits and deletes her own: applied; a later edit of another device simply wins (no conflict copy she could not read).
    const edit = await h.syncAs(mentor.token, { clientId: 'mentor-device-1', mutations: [put('a1', 'annotations', { text: 'Bản sửa một' }, 3)] });
    const other = await h.syncAs(mentor.token, { clientId: 'mentor-device-2', mutations: [put('a1', 'annotations', { text: 'Bản sửa hai' }, 1)] });
    expect([outcome(edit.body.results[0]), outcome(other.body.results[0])]).toEqual(['applied', 'applied']);
    expect(other.body.results[0]).not.toHaveProperty('conflictId');
    const owner = await h.syncAs(lan.token, { clientId: 'lan-device-002', cursors: {} });
    expect(owner.body.changes.find((c) => c.id === 'a1')?.record).toMatchObject({ text: 'Bản sửa hai', authorUserId: mentor.user.id });
    const gone = await h.syncAs(mentor.token, { clientId: 'mentor-device-1', mutations: [{ mutationId: 4, scopeId: scope, table: 'annotations', recordId: 'a1', op: 'delete' }] });
    expect(outcome(gone.body.results[0])).toBe('applied');
  });

  it('a removed mentor pair: the former mentor is denied at the next sync; her annotations stay for the teacher', async () => {
    const { h, scope, sessions, lan } = await school();
    const mentor = sessions.mentor;
    await h.syncAs(mentor.token, {
      clientId: 'mentor-device-1',
      mutations: [{ mutationId: 1, scopeId: scope, table: 'annotations', recordId: 'a1', op: 'put', fields: recordOf('annotations', 'a1', { id: mentor.user.id, name: 'Hòa' })! }],
    });
    const before = await h.syncAs(mentor.token, { clientId: 'mentor-device-1', cursors: { [scope]: 0 } });
    expect(before.body.changes.map((c) => c.id)).toEqual(['a1']);
    await accounts.removeMentorship(h.app.sbd.ctx, h.schoolId, mentor.user.id, lan.user.id);
    const after = await h.syncAs(mentor.token, { clientId: 'mentor-device-1', cursors: before.body.cursors });
    expect(after.body.denied).toEqual([scope]);
    expect(after.body.scopes.map((s) => s.scopeId)).not.toContain(scope);
    const write = await h.syncAs(mentor.token, {
      clientId: 'mentor-device-1',
      mutations: [{ mutationId: 2, scopeId: scope, table: 'annotations', recordId: 'a1', op: 'put', fields: { text: 'Thêm ý' } }],
    });
    expect(outcome(write.body.results[0])).toBe('forbidden');
    const owner = await h.syncAs(lan.token, { clientId: 'lan-device-001', cursors: {} });
    expect(owner.body.changes.filter((c) => c.table === 'annotations').map((c) => c.record?.text)).toEqual(['Phần khởi động nên ngắn hơn.']);
  });

  it('pairs per school year: last year’s mentor reads again once the admin copies the pairs; at the turn of the year this year’s mentor loses access, her notes stay', async () => {
    const { h, scope, sessions, lan } = await school();
    const ctx = h.app.sbd.ctx;
    const hoa = sessions.mentor;
    const dung = sessions.lastYearMentor;
    await h.syncAs(hoa.token, {
      clientId: 'hoa-device-01',
      mutations: [{ mutationId: 1, scopeId: scope, table: 'annotations', recordId: 'a1', op: 'put', fields: recordOf('annotations', 'a1', { id: hoa.user.id, name: 'Hòa' })! }],
    });
    const dungWrites = await h.syncAs(dung.token, {
      clientId: 'dung-device-01',
      mutations: [{ mutationId: 1, scopeId: scope, table: 'annotations', recordId: 'a2', op: 'put', fields: recordOf('annotations', 'a2', { id: dung.user.id, name: 'Dung' })! }],
    });
    expect(outcome(dungWrites.body.results[0])).toBe('forbidden');
    expect((await h.syncAs(dung.token, { clientId: 'dung-device-01', cursors: { [scope]: 0 } })).body.denied).toEqual([scope]);

    // Copying 2023–2024 into the current year brings Dung back (Hòa's pair already exists: one copied).
    expect(await accounts.copyMentorships(ctx, h.schoolId, {})).toEqual({ from: 2023, to: 2024, copied: 1 });
    const back = await h.syncAs(dung.token, { clientId: 'dung-device-01', cursors: { [scope]: 0 } });
    expect(back.body.scopes.find((s) => s.scopeId === scope)?.access).toBe('mentor');
    expect(back.body.changes.map((c) => c.id)).toEqual(['a1']);
    expect(back.body.school?.mentorships.mentees.map((m) => m.userId)).toEqual([lan.user.id]);

    // 1 June 2025 opens 2025–2026 by the calendar rule: no pair of that year yet, so no mentor reads Lan.
    h.clock.now = Date.UTC(2025, 5, 1, 1, 0, 0);
    // Months later their sessions have expired: each logs in again.
    const login = async (username: string) => (await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).json<SessionResponse>();
    for (const mentor of [hoa, dung]) {
      const after = await h.syncAs((await login(mentor.user.username)).token, { clientId: `${mentor.user.username}-device-01`, cursors: { [scope]: 0 } });
      expect(after.body.denied, mentor.user.username).toEqual([scope]);
      expect(after.body.school?.mentorships.mentees, mentor.user.username).toEqual([]);
    }
    const owner = await h.syncAs((await login('lan')).token, { clientId: 'lan-device-001', cursors: {} });
    expect(owner.body.changes.filter((c) => c.table === 'annotations').map((c) => c.record?.authorUserId)).toEqual([hoa.user.id]);
    // A pair for the new year restores access, to every year of her observations and notes.
    await accounts.addMentorship(ctx, h.schoolId, hoa.user.id, lan.user.id);
    const renewed = await h.syncAs((await login('hoa')).token, { clientId: 'hoa-device-01', cursors: { [scope]: 0 } });
    expect(renewed.body.scopes.find((s) => s.scopeId === scope)?.access).toBe('mentor');
    expect(renewed.body.changes.map((c) => c.id)).toEqual(['a1']);
  });
});
