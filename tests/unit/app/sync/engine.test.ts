import { describe, expect, it } from 'vitest';
import { saveEntry, deleteEntry, getEntry, restoreEntry, searchEntries } from '../../../../src/app/db/entries.ts';
import type { Entry } from '../../../../src/domain/records.ts';
import { indexPendingEntries } from '../../../../src/app/db/searchIndex.ts';
import { saveProfile, EMPTY_PROFILE } from '../../../../src/app/db/profile.ts';
import { saveReflection } from '../../../../src/app/db/reflections.ts';
import { NetworkError } from '../../../../src/app/sync/api.ts';
import { applyResponse, connect } from '../../../../src/app/sync/engine.ts';
import { applyConflictVersion, dismissConflict } from '../../../../src/app/sync/conflicts.ts';
import { getNotices, readMeta } from '../../../../src/app/sync/state.ts';
import { purgeTombstones } from '../../../../src/server/store/sync.ts';
import type { SyncRequest } from '../../../../src/sync/protocol.ts';
import { harnessFor } from '../../../server/harness.ts';
import { input } from '../db/helpers.ts';
import { device, freshDb, logbook, login, serverRecords } from './helpers.ts';

const setup = harnessFor('sqlite');

async function teacher() {
  const h = await setup();
  const first = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
  const second = await login(h.app, 'lan');
  return { h, scopeId: first.user.scopeId!, sessions: [first, second] as const };
}

describe('sync engine against the real server', () => {
  it('first connect uploads everything already on the phone, without duplicates, and a second device receives it', async () => {
    const { h, scopeId, sessions } = await teacher();
    // A phone used offline for weeks: entries, a reflection, a profile — and records with no outbox
    // row at all (as after a v1 upgrade whose queue was lost), which must be uploaded too.
    const db = freshDb();
    await saveProfile(db, { ...EMPTY_PROFILE, fullName: 'Nguyễn Thị Lan', school: 'THCS Thử Nghiệm' });
    const saved = [];
    for (let i = 0; i < 7; i++) {
      const result = await saveEntry(db, input({ date: `2024-10-${String(i + 1).padStart(2, '0')}`, content: `Mục ghi số ${i + 1}` }));
      if (result.ok) saved.push(result.entry);
    }
    await saveReflection(db, saved[0]!.schoolYearId, 'month', '2024-10', 'Tháng Mười: dự giờ hai tiết.');
    await db.outbox.where('seq').below(5).delete();

    const phone = await device(h.app, sessions[0], db);
    const run = await phone.sync();
    expect(run.pushed).toBe(1 + 1 + 7 + 1); // profile, school year, entries, reflection
    expect(await phone.db.outbox.count()).toBe(0);
    const onServer = (await serverRecords(h.app, scopeId)).filter((r) => !r.deleted);
    expect(onServer.filter((r) => r.table === 'entries')).toHaveLength(7);

    // Nothing new to send the second time; uploading again (state lost) is idempotent.
    expect((await phone.sync()).pushed).toBe(0);
    await phone.db.shadows.clear();
    await phone.db.meta.delete('sync.uploadedFor');
    await phone.sync();
    expect((await serverRecords(h.app, scopeId)).filter((r) => r.table === 'entries')).toHaveLength(7);
    expect(await phone.db.conflicts.count()).toBe(0);

    const pc = await device(h.app, sessions[1]);
    await pc.sync();
    expect(await logbook(pc.db)).toEqual(await logbook(phone.db));
    expect((await logbook(pc.db)).entries).toHaveLength(7);
  });

  it('offline edits on two devices converge; a long text edited on both keeps one value and a conflict copy on both', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const a = await saveEntry(phone.db, input({ date: '2024-10-02', content: 'Sinh hoạt tổ chuyên môn' }));
    const b = await saveEntry(phone.db, input({ date: '2024-10-03', content: 'Dự giờ lớp 7A' }));
    if (!a.ok || !b.ok) throw new Error('save failed');
    await phone.sync();
    await pc.sync();
    expect(await logbook(pc.db)).toEqual(await logbook(phone.db));

    // Both offline. Phone: edits A's content and note. PC: edits A's content and periods, deletes B, adds C.
    await saveEntry(phone.db, input({ date: '2024-10-02', content: 'Sinh hoạt tổ: đổi mới phương pháp', note: 'Ghi chú trên điện thoại' }), a.entry.id);
    await saveEntry(pc.db, input({ date: '2024-10-02', content: 'Sinh hoạt tổ: dạy học STEM', periods: 3 }), a.entry.id);
    await deleteEntry(pc.db, b.entry.id);
    const c = await saveEntry(pc.db, input({ date: '2024-10-20', content: 'Tự học mô đun 5' }));
    if (!c.ok) throw new Error('save failed');

    await phone.sync(); // arrives first: keeps its content
    const pcRun = await pc.sync();
    expect(pcRun.conflicts).toBe(1);
    await phone.sync();

    const phoneBook = await logbook(phone.db);
    expect(await logbook(pc.db)).toEqual(phoneBook);
    const merged = phoneBook.entries.find((e) => e.id === a.entry.id)!;
    expect(merged.content).toBe('Sinh hoạt tổ: đổi mới phương pháp');
    expect(merged.note).toBe('Ghi chú trên điện thoại');
    expect(merged.periods).toBe(3);
    expect(phoneBook.entries.map((e) => e.id)).not.toContain(b.entry.id);
    expect(phoneBook.entries.map((e) => e.id)).toContain(c.entry.id);
    // Nothing lost: the PC's text is a conflict copy on both devices.
    expect(phoneBook.conflicts).toHaveLength(1);
    expect(phoneBook.conflicts[0]).toMatchObject({ recordId: a.entry.id, fields: { content: 'Sinh hoạt tổ: dạy học STEM' }, kept: { content: 'Sinh hoạt tổ: đổi mới phương pháp' } });
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await pc.db.outbox.count()).toBe(0);

    // The teacher takes the other version on the PC: the record changes and the copy disappears everywhere.
    await applyConflictVersion(pc.db, phoneBook.conflicts[0]!.id);
    await pc.sync();
    await phone.sync();
    expect((await getEntry(phone.db, a.entry.id))?.content).toBe('Sinh hoạt tổ: dạy học STEM');
    expect(await phone.db.conflicts.count()).toBe(0);
    expect(await logbook(pc.db)).toEqual(await logbook(phone.db));
  });

  it('a record deleted on one device and edited on the other comes back with a notice', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const a = await saveEntry(phone.db, input({ content: 'Bồi dưỡng chính trị hè' }));
    if (!a.ok) throw new Error('save failed');
    await phone.sync();
    await pc.sync();
    await deleteEntry(phone.db, a.entry.id);
    await saveEntry(pc.db, input({ content: 'Bồi dưỡng chính trị hè (bổ sung)' }), a.entry.id);
    await phone.sync();
    await pc.sync();
    await phone.sync();
    expect((await getEntry(phone.db, a.entry.id))?.content).toBe('Bồi dưỡng chính trị hè (bổ sung)');
    expect((await getNotices(pc.db)).map((n) => n.recordId)).toEqual([a.entry.id]);
  });

  it('a batch whose answer was lost is resent unchanged and applied once, even after a further edit', async () => {
    const { h, scopeId, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const a = await saveEntry(phone.db, input({ content: 'Bản đầu' }));
    if (!a.ok) throw new Error('save failed');
    await phone.sync();

    await saveEntry(phone.db, input({ content: 'Bản thứ hai' }), a.entry.id);
    phone.control.dropNext = 1;
    await expect(phone.sync()).rejects.toBeInstanceOf(NetworkError);
    expect(await phone.db.outbox.count()).toBe(1);
    const sent = phone.control.log.at(-1)!.request as SyncRequest;

    // Edited again before the connection came back.
    await saveEntry(phone.db, input({ content: 'Bản thứ ba' }), a.entry.id);
    await phone.sync();
    const sends = phone.control.log.filter((l) => (l.request as SyncRequest | null)?.mutations?.some((m) => m.mutationId === sent.mutations[0]!.mutationId));
    expect(sends).toHaveLength(2);
    const retry = sends[1];
    expect(retry?.request).toEqual(sent);
    expect((retry?.response as { results: unknown[] }).results).toEqual([{ mutationId: sent.mutations[0]!.mutationId, status: 'duplicate' }]);

    const records = await serverRecords(h.app, scopeId);
    expect(records.filter((r) => r.table === 'conflicts')).toEqual([]);
    expect(records.find((r) => r.id === a.entry.id)?.data.content).toBe('Bản thứ ba');
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await phone.db.conflicts.count()).toBe(0);
  });

  it('mutation ids keep increasing across runs', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    for (const content of ['Một', 'Hai', 'Ba']) {
      await saveEntry(phone.db, input({ content }));
      await phone.sync();
    }
    const ids = phone.control.log.flatMap((l) => ((l.request as SyncRequest | null)?.mutations ?? []).map((m) => m.mutationId));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a pulled change never overwrites a local edit that is still in the outbox', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const a = await saveEntry(phone.db, input({ content: 'Gốc', periods: 1 }));
    if (!a.ok) throw new Error('save failed');
    await phone.sync();
    await pc.sync();
    await saveEntry(pc.db, input({ content: 'Gốc', periods: 4 }), a.entry.id);
    await pc.sync();
    // The phone's own edit is queued while a pull brings the PC's change (only pulling here).
    await saveEntry(phone.db, input({ content: 'Gốc', periods: 2, note: 'Sửa trên điện thoại' }), a.entry.id);
    const connection = (await readMeta(phone.db, 'sync.connection'))!;
    const pulled = await phone.api.sync(connection.token!, { clientId: 'other-device-1', schemaVersion: 2, mutations: [], cursors: {} });
    await applyResponse(phone.db, null, pulled, connection.user.scopeId);
    expect((await getEntry(phone.db, a.entry.id))?.note).toBe('Sửa trên điện thoại');
    expect(await phone.db.outbox.count()).toBe(1);
    await phone.sync();
    await pc.sync();
    expect((await getEntry(pc.db, a.entry.id))).toMatchObject({ periods: 2, note: 'Sửa trên điện thoại' });
  });

  it('a resync after the tombstone horizon removes what the server no longer has, keeping the outbox', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const ids: string[] = [];
    for (const content of ['Một', 'Hai', 'Ba']) {
      const r = await saveEntry(phone.db, input({ content }));
      if (r.ok) ids.push(r.entry.id);
    }
    await phone.sync();
    await pc.sync();
    await deleteEntry(phone.db, ids[0]!);
    await phone.sync();
    h.clock.advanceDays(200);
    expect(await purgeTombstones(h.app.sbd.ctx)).toBe(1);

    // The PC was away for 200 days (its session expired: log in again) and has an unsent edit and a new entry.
    await connect(pc.db, 'http://truong.test', await login(h.app, 'lan'));
    await saveEntry(pc.db, input({ content: 'Hai (sửa trên máy tính)' }), ids[1]);
    const fresh = await saveEntry(pc.db, input({ date: '2024-11-11', content: 'Mới trên máy tính' }));
    if (!fresh.ok) throw new Error('save failed');
    await pc.sync();
    const book = await logbook(pc.db);
    expect(book.entries.map((e) => e.id).sort()).toEqual([ids[1]!, ids[2]!, fresh.entry.id].sort());
    expect(book.entries.find((e) => e.id === ids[1])?.content).toBe('Hai (sửa trên máy tính)');
    expect(await pc.db.outbox.count()).toBe(0);
    expect(await readMeta(pc.db, 'sync.resync')).toBeUndefined();
    await connect(phone.db, 'http://truong.test', await login(h.app, 'lan'));
    await phone.sync();
    expect(await logbook(phone.db)).toEqual(book);
  });

  it('a rejected mutation is noted and never blocks the queue', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const good = await saveEntry(phone.db, input({ content: 'Hợp lệ' }));
    if (!good.ok) throw new Error('save failed');
    // A record the server refuses (written around the app's validation).
    await phone.db.transaction('rw', phone.db.entries, phone.db.outbox, async () => {
      await phone.db.entries.put({ ...good.entry, id: 'bad-1', periods: -5, searchWords: [], searchKeys: [] });
      await phone.db.outbox.add({ table: 'entries', recordId: 'bad-1', op: 'put', at: new Date().toISOString() });
    });
    const later = await saveEntry(phone.db, input({ content: 'Sau bản ghi lỗi' }));
    if (!later.ok) throw new Error('save failed');
    const run = await phone.sync();
    expect(run.rejected).toBe(1);
    expect(await phone.db.outbox.count()).toBe(0);
    const notices = await getNotices(phone.db);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recordId: 'bad-1', code: 'invalid_record' });
    expect(notices[0]!.message).toMatch(/không hợp lệ/);
  });

  it('dismissing a conflict copy removes it on every device', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const a = await saveEntry(phone.db, input({ content: 'Gốc' }));
    if (!a.ok) throw new Error('save failed');
    await phone.sync();
    await pc.sync();
    await saveEntry(phone.db, input({ content: 'Điện thoại' }), a.entry.id);
    await saveEntry(pc.db, input({ content: 'Máy tính' }), a.entry.id);
    await phone.sync();
    await pc.sync();
    await phone.sync();
    const [conflict] = await phone.db.conflicts.toArray();
    expect(conflict).toBeDefined();
    await dismissConflict(phone.db, conflict!.id);
    await phone.sync();
    await pc.sync();
    expect(await pc.db.conflicts.count()).toBe(0);
    expect((await getEntry(pc.db, a.entry.id))?.content).toBe('Điện thoại');
  });
  it('a paged pull asks for each page once, the next while the last is applied; pulled entries are found by search before and after their keys are built', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    for (let i = 0; i < 10; i++) await saveEntry(phone.db, input({ date: `2024-10-${String(i + 1).padStart(2, '0')}`, content: `Chuyên đề số ${i + 1}` }));
    await phone.sync();

    const pc = await device(h.app, sessions[1]);
    // What the pc had applied when each request left: a prefetched one asks for more than that.
    const ahead: boolean[] = [];
    pc.control.onRequest = async (path, body) => {
      if (path !== '/api/sync') return;
      const applied = (await readMeta(pc.db, 'sync.cursors')) ?? {};
      ahead.push(Object.entries((body as SyncRequest).cursors).some(([scope, rev]) => rev > (applied[scope] ?? 0)));
    };
    const run = await pc.sync();
    const pages = pc.control.log.filter((r) => r.path === '/api/sync');
    expect(run.rounds).toBe(pages.length);
    expect(run.pulled).toBe(11); // a school year, 10 entries, 3 a page
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(ahead.filter(Boolean).length).toBe(pages.length - 1);
    expect(await logbook(pc.db)).toEqual(await logbook(phone.db));

    expect(await pc.db.entries.where('searchPending').equals(1).count()).toBe(10);
    const found = async () => (await searchEntries(pc.db, 'chuyen de so')).map((e) => e.content);
    const newestFirst = Array.from({ length: 10 }, (_, i) => `Chuyên đề số ${10 - i}`);
    expect(await found()).toEqual(newestFirst);
    expect(await indexPendingEntries(pc.db)).toBe(10);
    expect(await pc.db.entries.where('searchPending').equals(1).count()).toBe(0);
    expect(await found()).toEqual(newestFirst);
    expect(await logbook(pc.db)).toEqual(await logbook(phone.db));
  });

  it('a pulled entry is its own server copy (no shadow row); editing, deleting or undoing it sends only what changed, with the server text as base', async () => {
    const { h, scopeId, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const saved = [];
    for (const content of ['Sinh hoạt tổ chuyên môn', 'Dự giờ lớp 7A', 'Tự học mô đun 5']) {
      const r = await saveEntry(phone.db, input({ content, note: 'Ghi chú' }));
      if (r.ok) saved.push(r.entry);
    }
    await phone.sync();
    const pc = await device(h.app, sessions[1]);
    await pc.sync();
    expect(await pc.db.shadows.where('[table+id]').between(['entries', ''], ['entries', '\uffff']).count()).toBe(0);
    expect((await pc.db.entries.toArray()).every((row) => typeof row.syncedGen === 'number')).toBe(true);

    // Edited after its search keys were built: still the server's copy until the edit.
    await indexPendingEntries(pc.db);
    const [a, b, c] = saved as [Entry, Entry, Entry];
    await saveEntry(pc.db, input({ content: 'Sinh hoạt tổ chuyên môn: dạy học STEM', note: 'Ghi chú' }), a.id);
    await deleteEntry(pc.db, b.id);
    const undone = await deleteEntry(pc.db, c.id);
    await restoreEntry(pc.db, undone!);
    const run = await pc.sync();
    const sent = pc.control.log.filter((r) => r.path === '/api/sync').flatMap((r) => (r.request as SyncRequest).mutations);
    expect(run.pushed).toBe(2);
    expect(sent.map((m) => ({ recordId: m.recordId, op: m.op, fields: m.op === 'put' ? Object.keys(m.fields).sort() : [], base: m.op === 'put' ? m.base : undefined }))).toEqual([
      { recordId: a.id, op: 'put', fields: ['content', 'updatedAt'], base: { content: 'Sinh hoạt tổ chuyên môn' } },
      { recordId: b.id, op: 'delete', fields: [], base: undefined },
    ]);
    const onServer = await serverRecords(h.app, scopeId);
    expect(onServer.find((r) => r.id === a.id)?.data).toMatchObject({ content: 'Sinh hoạt tổ chuyên môn: dạy học STEM', note: 'Ghi chú' });
    expect(onServer.find((r) => r.id === b.id)?.deleted).toBe(true);
    await phone.sync();
    expect(await logbook(phone.db)).toEqual(await logbook(pc.db));
    expect(await pc.db.conflicts.count()).toBe(0);
  });

  it('logging in as someone else uploads the entries pulled for the previous user to the new logbook', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const r = await saveEntry(phone.db, input({ content: 'Sinh hoạt tổ chuyên môn' }));
    if (!r.ok) throw new Error('save failed');
    await phone.sync();
    const pc = await device(h.app, sessions[1]);
    await pc.sync();

    const other = await h.user('hoa', [{ role: 'teacher' }], { fullName: 'Trần Thị Hoa' });
    await connect(pc.db, 'http://truong.test', other);
    expect((await pc.db.entries.toArray()).some((row) => row.syncedGen !== undefined)).toBe(false);
    const run = await pc.sync();
    expect(run.pushed).toBe(2); // the school year and the entry
    const theirs = await serverRecords(h.app, other.user.scopeId!);
    expect(theirs.filter((rec) => rec.table === 'entries').map((rec) => rec.data.content)).toEqual(['Sinh hoạt tổ chuyên môn']);
  });

  it('a change pulled for a record with a newer local edit updates its other fields, so they are not pushed back stale', async () => {
    const { h, scopeId, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const saved = await saveEntry(phone.db, input({ periods: 2 }));
    if (!saved.ok) throw new Error('not saved');
    const id = saved.entry.id;
    const edit = async (db: typeof phone.db, over: Record<string, unknown>) => {
      const { id: _id, schoolYearId: _y, createdAt: _c, updatedAt: _u, ...fields } = (await getEntry(db, id))!;
      const result = await saveEntry(db, { ...fields, ...over }, id);
      if (!result.ok) throw new Error('not saved');
    };
    await phone.sync();
    await pc.sync();

    await edit(pc.db, { periods: 5 });
    await pc.sync();
    // The phone's batch is applied but its answer lost; the teacher edits another field meanwhile.
    await edit(phone.db, { note: 'Ghi chú trên điện thoại' });
    phone.control.dropNext = 1;
    await expect(phone.sync()).rejects.toThrow(NetworkError);
    await edit(phone.db, { evidence: 'Ảnh chụp biên bản' });
    await phone.sync();
    await phone.sync();
    await pc.sync();

    const onServer = (await serverRecords(h.app, scopeId)).find((r) => r.id === id)!;
    expect(onServer.data).toMatchObject({ periods: 5, note: 'Ghi chú trên điện thoại', evidence: 'Ảnh chụp biên bản' });
    expect(await logbook(phone.db)).toEqual(await logbook(pc.db));
  });
});
