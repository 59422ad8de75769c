import { describe, expect, it } from 'vitest';
import { saveEntry } from '../../../../src/app/db/entries.ts';
import { deleteForeignRecord, foreignRecords, getSchoolContext, NotAuthoredError, putForeignRecord, readableScopesOnDevice } from '../../../../src/app/db/foreign.ts';
import type { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { getNotices, readMeta } from '../../../../src/app/sync/state.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { harnessFor } from '../../../server/harness.ts';
import { annotation, confirmation, observation } from '../../../server/scopeFixtures.ts';
import { input } from '../db/helpers.ts';
import { device } from './helpers.ts';

const setup = harnessFor('sqlite');

/** An observation written on the teacher's phone: the record and its outbox row in one transaction. */
async function writeObservation(db: LogbookDatabase, id: string, overrides: Record<string, unknown> = {}) {
  await db.transaction('rw', db.observations, db.outbox, async () => {
    await db.observations.put(observation(id, overrides) as never);
    await db.outbox.add({ table: 'observations', recordId: id, op: 'put', at: new Date().toISOString() });
  });
}

async function school() {
  const h = await setup();
  const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Lan' });
  const hoa = await h.user('hoa', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Trần Thị Hòa' });
  await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, lan.user.id);
  return { h, lan, hoa, scope: lan.user.scopeId! };
}

describe('sync engine with other people’s logbooks (teacher and mentor against the real server)', () => {
  it('the mentor receives the mentee’s observations but not her entries, annotates, and the mentee receives the annotation', async () => {
    const { h, lan, hoa, scope } = await school();
    const teacher = await device(h.app, lan);
    await saveEntry(teacher.db, input({ date: '2024-10-01', content: 'Tự học module 2' }));
    await writeObservation(teacher.db, 'o1');
    await teacher.sync();

    const mentor = await device(h.app, hoa);
    await mentor.sync();
    expect((await foreignRecords(mentor.db, scope, 'observations')).map((r) => r.id)).toEqual(['o1']);
    expect(await foreignRecords(mentor.db, scope, 'entries')).toEqual([]);
    expect(await mentor.db.entries.count()).toBe(0);
    expect(await readableScopesOnDevice(mentor.db)).toEqual(
      expect.arrayContaining([expect.objectContaining({ scopeId: scope, ownerName: 'Nguyễn Thị Lan', access: 'mentor', lastSyncedAt: expect.any(String) })]),
    );
    const context = await getSchoolContext(mentor.db);
    expect(context?.mentorships.mentees).toEqual([{ userId: lan.user.id, fullName: 'Nguyễn Thị Lan', department: 'Toán' }]);
    expect(context?.directory.map((u) => u.fullName).sort()).toEqual(['Nguyễn Thị Lan', 'Trần Thị Hòa']);

    // Offline, then synced: the annotation goes to the mentee's scope.
    const note = annotation('a1', { id: hoa.user.id, name: 'Trần Thị Hòa' }, { targetId: 'o1' });
    await putForeignRecord(mentor.db, scope, 'annotations', note as typeof note & { id: string });
    const run = await mentor.sync();
    expect(run.pushed).toBe(1);
    expect(await mentor.db.outbox.count()).toBe(0);

    await teacher.sync();
    expect(await teacher.db.annotations.toArray()).toEqual([expect.objectContaining({ id: 'a1', authorUserId: hoa.user.id, text: 'Phần khởi động nên ngắn hơn.' })]);
    expect(await teacher.db.foreign.count()).toBe(0);

    // She edits her note: only the text travels; then deletes it.
    await putForeignRecord(mentor.db, scope, 'annotations', { ...note, id: 'a1', text: 'Khởi động 3 phút là đủ.' });
    await mentor.sync();
    const sent = mentor.control.log
      .map((l) => l.request as { mutations?: Array<{ fields: Record<string, unknown> }> } | null)
      .filter((r) => (r?.mutations?.length ?? 0) > 0)
      .at(-1);
    expect(sent?.mutations?.[0]?.fields).toEqual({ text: 'Khởi động 3 phút là đủ.' });
    await teacher.sync();
    expect((await teacher.db.annotations.get('a1'))?.text).toBe('Khởi động 3 phút là đủ.');
    await deleteForeignRecord(mentor.db, scope, 'annotations', 'a1');
    await mentor.sync();
    await teacher.sync();
    expect(await teacher.db.annotations.count()).toBe(0);
  });

  it('a refused write is undone locally with a notice; a removed pair drops the logbook from the former mentor’s device', async () => {
    const { h, lan, hoa, scope } = await school();
    const teacher = await device(h.app, lan);
    await writeObservation(teacher.db, 'o1');
    await teacher.sync();
    const mentor = await device(h.app, hoa);
    await mentor.sync();

    // Records without an author are never written into someone else's logbook.
    const original = (await foreignRecords(mentor.db, scope, 'observations'))[0]!;
    await expect(putForeignRecord(mentor.db, scope, 'observations', { ...original, id: 'o1', strengths: 'Sửa hộ' })).rejects.toThrow(NotAuthoredError);
    expect(await mentor.db.outbox.count()).toBe(0);
    // A mentor may not confirm a semester (leaders only): refused by the server, the local copy goes.
    await putForeignRecord(mentor.db, scope, 'confirmations', confirmation('c1', { id: hoa.user.id, name: 'Trần Thị Hòa' }) as never);
    expect((await mentor.sync()).rejected).toBe(1);
    expect(await foreignRecords(mentor.db, scope, 'confirmations')).toEqual([]);
    expect((await getNotices(mentor.db)).map((n) => n.code)).toEqual(['forbidden']);

    await putForeignRecord(mentor.db, scope, 'annotations', annotation('a1', { id: hoa.user.id, name: 'Trần Thị Hòa' }) as never);
    await mentor.sync();
    await accounts.removeMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, lan.user.id);
    await mentor.sync();
    expect(await mentor.db.foreign.count()).toBe(0);
    expect((await readableScopesOnDevice(mentor.db)).map((s) => s.scopeId)).not.toContain(scope);
    expect((await readMeta(mentor.db, 'sync.cursors'))?.[scope]).toBeUndefined();
    expect((await getSchoolContext(mentor.db))?.mentorships.mentees).toEqual([]);
    // Her note stays in the teacher's logbook.
    await teacher.sync();
    expect((await teacher.db.annotations.toArray()).map((a) => a.id)).toEqual(['a1']);
  });

  it('a mentor who becomes tổ trưởng of the teacher starts the logbook over and receives her entries; back to mentor, the entries go', async () => {
    const { h, lan, hoa, scope } = await school();
    const teacher = await device(h.app, lan);
    await saveEntry(teacher.db, input({ date: '2024-10-01', content: 'Sinh hoạt tổ chuyên môn' }));
    await writeObservation(teacher.db, 'o1');
    await teacher.sync();
    const mentor = await device(h.app, hoa);
    await mentor.sync();
    expect(await foreignRecords(mentor.db, scope, 'entries')).toEqual([]);

    const ctx = h.app.sbd.ctx;
    await accounts.updateUser(ctx, h.schoolId, hoa.user.id, { roles: [{ role: 'teacher' }, { role: 'mentor' }, { role: 'leader', department: 'Toán' }] });
    await mentor.sync();
    expect((await readableScopesOnDevice(mentor.db)).find((s) => s.scopeId === scope)?.access).toBe('leader');
    expect((await foreignRecords(mentor.db, scope, 'entries')).map((e) => e.content)).toEqual(['Sinh hoạt tổ chuyên môn']);
    expect((await foreignRecords(mentor.db, scope, 'observations')).map((o) => o.id)).toEqual(['o1']);

    await accounts.updateUser(ctx, h.schoolId, hoa.user.id, { roles: [{ role: 'teacher' }, { role: 'mentor' }] });
    await mentor.sync();
    expect((await readableScopesOnDevice(mentor.db)).find((s) => s.scopeId === scope)?.access).toBe('mentor');
    expect(await foreignRecords(mentor.db, scope, 'entries')).toEqual([]);
    expect((await foreignRecords(mentor.db, scope, 'observations')).map((o) => o.id)).toEqual(['o1']);
  });

  it('a leader without a logbook of her own pulls her tổ’s logbooks and writes a confirmation', async () => {
    const { h, lan, scope } = await school();
    const teacher = await device(h.app, lan);
    await saveEntry(teacher.db, input({ date: '2024-10-01', content: 'Dự giờ đồng nghiệp' }));
    await teacher.sync();
    const tt = await h.user('tt.toan', [{ role: 'leader', department: 'Toán' }], { department: 'Toán', fullName: 'Phạm Văn Tổ' });
    expect(tt.user.scopeId).toBeNull();
    const leader = await device(h.app, tt);
    await leader.sync();
    expect((await foreignRecords(leader.db, scope, 'entries')).length).toBe(1);
    await putForeignRecord(leader.db, scope, 'confirmations', {
      id: 'c1',
      schoolYearId: 'y2024',
      semester: 'HK1',
      authorUserId: tt.user.id,
      authorName: 'Phạm Văn Tổ',
      authorRole: 'toTruong',
      remark: 'Đạt yêu cầu.',
      logbookRev: 1,
      confirmedAt: '2024-10-02T08:00:00.000Z',
      updatedAt: '2024-10-02T08:00:00.000Z',
    });
    expect((await leader.sync()).rejected).toBe(0);
    await teacher.sync();
    expect(await teacher.db.confirmations.toArray()).toEqual([expect.objectContaining({ id: 'c1', remark: 'Đạt yêu cầu.' })]);
  });
});

describe('other people’s logbooks on a shared device', () => {
  it('logging in as someone else forgets the previous user’s view of other logbooks and school context', async () => {
    const { h, lan, hoa, scope } = await school();
    const teacher = await device(h.app, lan);
    await writeObservation(teacher.db, 'o1');
    await teacher.sync();
    const mentor = await device(h.app, hoa);
    await mentor.sync();
    expect(await mentor.db.foreign.count()).toBe(1);

    const minh = await h.user('minh', [{ role: 'teacher' }], { department: 'Sử', fullName: 'Đặng Văn Minh' });
    const same = await device(h.app, minh, mentor.db);
    expect(await same.db.foreign.count()).toBe(0);
    expect(await readableScopesOnDevice(same.db)).toEqual([]);
    expect(await getSchoolContext(same.db)).toBeNull();
    await same.sync();
    expect(await same.db.foreign.count()).toBe(0);
    expect((await readableScopesOnDevice(same.db)).map((s) => s.access)).toEqual(['owner']);
    expect((await readMeta(same.db, 'sync.cursors'))?.[scope]).toBeUndefined();
  });
});

describe('refused edits in the teacher’s own logbook', () => {
  it('an edit of her mentor’s note is refused and the note goes back to the mentor’s text', async () => {
    const { h, lan, hoa, scope } = await school();
    const mentor = await device(h.app, hoa);
    await mentor.sync();
    await putForeignRecord(mentor.db, scope, 'annotations', annotation('a1', { id: hoa.user.id, name: 'Trần Thị Hòa' }) as never);
    await mentor.sync();
    const teacher = await device(h.app, lan);
    await teacher.sync();
    const note = (await teacher.db.annotations.get('a1'))!;
    await teacher.db.transaction('rw', teacher.db.annotations, teacher.db.outbox, async () => {
      await teacher.db.annotations.put({ ...note, text: 'Sửa lời cô' });
      await teacher.db.outbox.add({ table: 'annotations', recordId: 'a1', op: 'put', at: new Date().toISOString() });
    });
    expect((await teacher.sync()).rejected).toBe(1);
    expect((await teacher.db.annotations.get('a1'))?.text).toBe('Phần khởi động nên ngắn hơn.');
    expect((await getNotices(teacher.db)).map((n) => n.code)).toEqual(['forbidden']);
  });
});
