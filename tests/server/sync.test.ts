import { describe, expect, it } from 'vitest';
import { purgeTombstones } from '../../src/server/store/sync.ts';
import type { Mutation } from '../../src/sync/protocol.ts';
import { entry, harnessFor, PASSWORD } from './harness.ts';
import { STORES } from './stores.ts';

describe.each(STORES)('sync on %s', (kind) => {
  const setup = harnessFor(kind);

  async function teacher() {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán' });
    const scopeId = lan.user.scopeId!;
    let next = 0;
    const put = (id: string, fields: Record<string, unknown>, extra: Partial<Mutation> = {}): Mutation =>
      ({ mutationId: ++next, scopeId, table: 'entries', recordId: id, op: 'put', fields, ...extra }) as Mutation;
    const del = (id: string): Mutation => ({ mutationId: ++next, scopeId, table: 'entries', recordId: id, op: 'delete' });
    return { h, lan, scopeId, put, del };
  }

  it('pushes and pulls in one round trip; a second device receives the records', async () => {
    const { h, lan, scopeId, put } = await teacher();
    const first = await h.syncAs(lan.token, { mutations: [put('e1', entry('e1')), put('e2', entry('e2', { periods: 3 }))] });
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { mutationId: 1, status: 'applied', rev: 1 },
      { mutationId: 2, status: 'applied', rev: 2 },
    ]);
    expect(first.body.changes.map((c) => [c.rev, c.id])).toEqual([
      [1, 'e1'],
      [2, 'e2'],
    ]);
    expect(first.body.cursors).toEqual({ [scopeId]: 2 });
    expect(first.body.hasMore).toBe(false);
    expect(first.body.scopes).toEqual([{ scopeId, ownerId: lan.user.id, ownerName: 'lan', access: 'owner', ownerLastSyncAt: new Date(h.clock.now).toISOString() }]);

    const pc = await h.syncAs(lan.token, { clientId: 'device-pc-01', cursors: {} });
    expect(pc.body.changes.map((c) => c.record)).toEqual([entry('e1'), entry('e2', { periods: 3 })]);
    const nothing = await h.syncAs(lan.token, { clientId: 'device-pc-01', cursors: pc.body.cursors });
    expect(nothing.body.changes).toEqual([]);
    expect(nothing.body.cursors).toEqual({ [scopeId]: 2 });
  });

  it('pages with hasMore and the cursor never skips or repeats', async () => {
    const { h, lan, scopeId, put } = await teacher();
    const mutations = Array.from({ length: 25 }, (_, i) => put(`e${i}`, entry(`e${i}`)));
    await h.syncAs(lan.token, { mutations, limit: 10 });
    const seen: number[] = [];
    let cursors: Record<string, number> = {};
    let pages = 0;
    for (;;) {
      const page = await h.syncAs(lan.token, { clientId: 'device-new-1', cursors, limit: 10 });
      pages += 1;
      seen.push(...page.body.changes.map((c) => c.rev));
      cursors = page.body.cursors;
      if (!page.body.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(cursors[scopeId]).toBe(25);
  });

  it('applies a retried batch once (idempotent per device)', async () => {
    const { h, lan, put } = await teacher();
    const batch = [put('e1', entry('e1')), put('e1', { periods: 4 }, {})];
    const first = await h.syncAs(lan.token, { mutations: batch });
    const retry = await h.syncAs(lan.token, { mutations: batch });
    expect(retry.body.results).toEqual([
      { mutationId: 1, status: 'duplicate' },
      { mutationId: 2, status: 'duplicate' },
    ]);
    expect(retry.body.changes.at(-1)!.rev).toBe(first.body.changes.at(-1)!.rev);
    const rows = await h.conn.db.selectFrom('scopes').select('rev').execute();
    expect(rows[0]!.rev).toBe(2);
    // Another device with the same mutation ids is a different device: applied.
    const other = await h.syncAs(lan.token, { clientId: 'device-bbbb', mutations: [{ ...batch[1]!, fields: { periods: 5 } } as Mutation] });
    expect(other.body.results[0]!.status).toBe('applied');
  });

  it('rejects an invalid mutation with a code and applies the rest', async () => {
    const { h, lan, put } = await teacher();
    const response = await h.syncAs(lan.token, {
      mutations: [put('bad', entry('bad', { periods: 99 })), put('e1', entry('e1')), { ...put('x', {}), table: 'profile' } as Mutation, put('c', { text: 'x' }, { table: 'conflicts' })],
    });
    expect(response.status).toBe(200);
    const [bad, ok, wrongId, readOnly] = response.body.results;
    expect(bad).toMatchObject({ status: 'rejected', code: 'invalid_record' });
    expect((bad as { message: string }).message).toContain('periods');
    expect(ok).toMatchObject({ status: 'applied', rev: 1 });
    expect(wrongId).toMatchObject({ status: 'rejected', code: 'invalid_id' });
    expect(readOnly).toMatchObject({ status: 'rejected', code: 'read_only_table' });
    // The rejected ones are remembered as processed: a retry answers duplicate, never blocks.
    const retry = await h.syncAs(lan.token, { mutations: [put('e2', entry('e2'))] });
    expect(retry.body.results).toEqual([{ mutationId: 5, status: 'applied', rev: 2 }]);
  });

  it('merges different fields; the same short field: last arrival wins', async () => {
    const { h, lan, put } = await teacher();
    await h.syncAs(lan.token, { mutations: [put('e1', entry('e1'))] });
    await h.syncAs(lan.token, { clientId: 'device-phone', mutations: [{ mutationId: 1, scopeId: lan.user.scopeId!, table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 3, form: 'du-gio' } }] });
    const pc = await h.syncAs(lan.token, { clientId: 'device-pc-01', mutations: [{ mutationId: 1, scopeId: lan.user.scopeId!, table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 4, date: '2024-09-12' } }] });
    expect(pc.body.changes.at(-1)!.record).toMatchObject({ periods: 4, form: 'du-gio', date: '2024-09-12', content: 'Tự học module GVPT 03' });
  });

  it('keeps the first long-text edit and stores the other as a visible conflict copy', async () => {
    const { h, lan, scopeId } = await teacher();
    const base = 'Tự học module GVPT 03';
    await h.syncAs(lan.token, { mutations: [{ mutationId: 1, scopeId, table: 'entries', recordId: 'e1', op: 'put', fields: entry('e1') }] });
    const m = (clientId: string, content: string) => ({
      clientId,
      mutations: [{ mutationId: 7, scopeId, table: 'entries' as const, recordId: 'e1', op: 'put' as const, fields: { content }, base: { content: base } }],
    });
    const phone = await h.syncAs(lan.token, m('device-phone', 'Bản sửa trên điện thoại'));
    expect(phone.body.results[0]).toEqual({ mutationId: 7, status: 'applied', rev: 2 });
    const pc = await h.syncAs(lan.token, m('device-pc-01', 'Bản sửa trên máy tính'));
    const result = pc.body.results[0] as { conflictId: string; notice: string; rev: number };
    expect(result.conflictId).toBe('e1~device-pc-01~7');
    expect(result.notice).toContain('bản sao xung đột');
    const record = pc.body.changes.find((c) => c.id === 'e1')!;
    expect(record.record!.content).toBe('Bản sửa trên điện thoại');
    const copy = pc.body.changes.find((c) => c.table === 'conflicts')!;
    expect(copy.record).toMatchObject({ table: 'entries', recordId: 'e1', fields: { content: 'Bản sửa trên máy tính' }, kept: { content: 'Bản sửa trên điện thoại' }, base: { content: base } });
    // The teacher resolves: merged text into the record, the copy deleted.
    const merged = await h.syncAs(lan.token, {
      clientId: 'device-pc-01',
      mutations: [
        { mutationId: 8, scopeId, table: 'entries', recordId: 'e1', op: 'put', fields: { content: 'Gộp cả hai' }, base: { content: 'Bản sửa trên điện thoại' } },
        { mutationId: 9, scopeId, table: 'conflicts', recordId: copy.id, op: 'delete' },
      ],
    });
    expect(merged.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(merged.body.changes.filter((c) => c.rev > copy.rev).map((c) => [c.table, c.deleted])).toEqual([
      ['entries', false],
      ['conflicts', true],
    ]);
  });

  it('an edit of a record deleted elsewhere brings it back with a notice', async () => {
    const { h, lan, scopeId, put, del } = await teacher();
    await h.syncAs(lan.token, { mutations: [put('e1', entry('e1', { note: 'ghi chú' })), del('e1')] });
    const pulled = await h.syncAs(lan.token, { clientId: 'device-pc-01' });
    expect(pulled.body.changes).toEqual([{ scopeId, rev: 2, table: 'entries', id: 'e1', deleted: true, record: null }]);
    const edit = await h.syncAs(lan.token, { clientId: 'device-pc-01', mutations: [{ mutationId: 1, scopeId, table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 3 } }] });
    expect(edit.body.results[0]).toMatchObject({ status: 'applied', resurrected: true, rev: 3 });
    expect((edit.body.results[0] as { notice: string }).notice).toContain('khôi phục');
    expect(edit.body.changes.at(-1)!.record).toMatchObject({ periods: 3, note: 'ghi chú' });
    // Deleting what is not there changes nothing.
    const noop = await h.syncAs(lan.token, { mutations: [{ mutationId: 50, scopeId, table: 'entries', recordId: 'nope', op: 'delete' }] });
    expect(noop.body.results).toEqual([{ mutationId: 50, status: 'applied' }]);
  });

  it('purges tombstones after 180 days; an older cursor gets resync for its scope', async () => {
    const { h, lan, scopeId, put, del } = await teacher();
    await h.syncAs(lan.token, { mutations: [put('e1', entry('e1')), put('e2', entry('e2')), del('e1')] });
    const old = await h.syncAs(lan.token, { clientId: 'device-old-1' });
    expect(old.body.cursors[scopeId]).toBe(3);
    const stale = { [scopeId]: 1 };
    h.clock.advanceDays(179);
    expect(await purgeTombstones(h.app.sbd.ctx)).toBe(0);
    h.clock.advanceDays(2);
    expect(await purgeTombstones(h.app.sbd.ctx)).toBe(1);
    // Half a year later the session has expired too: log in again.
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan', password: PASSWORD } });
    lan.token = login.json().token;
    const current = await h.syncAs(lan.token, { clientId: 'device-old-1', cursors: old.body.cursors });
    expect(current.body.scopes[0]!.resync).toBeUndefined();
    expect(current.body.changes).toEqual([]);
    const behind = await h.syncAs(lan.token, { clientId: 'device-old-2', cursors: stale });
    expect(behind.body.scopes[0]).toMatchObject({ scopeId, resync: true });
    expect(behind.body.changes.map((c) => c.id)).toEqual(['e2']);
    // The purged tombstone's revision is passed too: the cursor ends at the scope's revision.
    expect(behind.body.cursors[scopeId]).toBe(3);
  });

  it('answers 426 to a client below the minimum schema, 409 to a newer one', async () => {
    const { h, lan } = await teacher();
    const old = await h.syncAs(lan.token, { schemaVersion: 1 });
    expect(old.status).toBe(426);
    expect(old.body.error).toMatchObject({ code: 'client_too_old', minSchemaVersion: 2 });
    expect(old.body.error!.message).toContain('cập nhật');
    const newer = await h.syncAs(lan.token, { schemaVersion: 99 });
    expect(newer.status).toBe(409);
    expect(newer.body.error!.code).toBe('server_too_old');
  });

  it('validates the body and caps its size', async () => {
    const { h, lan } = await teacher();
    const auth = { authorization: `Bearer ${lan.token}` };
    const bad = await h.app.inject({ method: 'POST', url: '/api/sync', headers: auth, payload: { clientId: 'x', schemaVersion: 2, mutations: 'no', cursors: {} } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['clientId', 'mutations']));
    const huge = await h.app.inject({ method: 'POST', url: '/api/sync', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('too_large');
    const notJson = await h.app.inject({ method: 'POST', url: '/api/sync', headers: { ...auth, 'content-type': 'application/json' }, payload: '{oops' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('invalid_request');
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/sync', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });

  it('drops unknown fields instead of storing them', async () => {
    const { h, lan, put } = await teacher();
    const response = await h.syncAs(lan.token, { mutations: [put('e1', { ...entry('e1'), secret: '<script>' })] });
    expect(response.body.changes[0]!.record).not.toHaveProperty('secret');
  });

  it('owner writes entries; mentor, tổ trưởng, BGH may read the scope; others nothing', async () => {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán' });
    const minh = await h.user('minh', [{ role: 'teacher' }], { department: 'Văn' });
    const mentor = await h.user('mentor', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn' });
    const toTruongToan = await h.user('tt.toan', [{ role: 'teacher' }, { role: 'leader', department: 'Toán' }], { department: 'Toán' });
    const toTruongVan = await h.user('tt.van', [{ role: 'leader', department: 'Văn' }], { department: 'Văn' });
    const bgh = await h.user('hieutruong', [{ role: 'leader' }]);
    const admin = await h.user('admin', [{ role: 'admin' }]);
    await h.app.inject({ method: 'POST', url: '/api/admin/mentorships', headers: { authorization: `Bearer ${admin.token}` }, payload: { mentorId: mentor.user.id, teacherId: lan.user.id } });
    const scope = lan.user.scopeId!;
    await h.syncAs(lan.token, { mutations: [{ mutationId: 1, scopeId: scope, table: 'entries', recordId: 'e1', op: 'put', fields: entry('e1') }] });

    const readers = { lan, mentor, toTruongToan, bgh };
    const nonReaders = { minh, toTruongVan, admin };
    for (const [name, who] of Object.entries({ ...readers, ...nonReaders })) {
      const canRead = name in readers;
      const pulled = await h.syncAs(who.token, { clientId: `device-${name}`.replace('.', '-').padEnd(8, 'x'), cursors: { [scope]: 0 } });
      expect(pulled.status, name).toBe(200);
      // What each reader receives of the scope, table by table, is in permissions.test.ts.
      expect(pulled.body.scopes.some((s) => s.scopeId === scope), `${name} reads`).toBe(canRead);
      expect(pulled.body.denied.includes(scope), `${name} denied`).toBe(!canRead);
      const wrote = await h.syncAs(who.token, {
        clientId: `writer-${name}`.replace('.', '-'),
        mutations: [{ mutationId: 1, scopeId: scope, table: 'entries', recordId: 'e1', op: 'put', fields: { periods: 1 } }],
      });
      const expected = who === lan ? 'applied' : 'rejected';
      expect(wrote.body.results[0]!.status, `${name} writes`).toBe(expected);
      if (expected === 'rejected') expect(wrote.body.results[0]).toMatchObject({ code: 'forbidden' });
    }
    // Another school's leader sees nothing, even naming the scope.
    const { createSchool, createUser } = await import('../../src/server/store/accounts.ts');
    const other = await createSchool(h.app.sbd.ctx, 'Trường Khác');
    const created = await createUser(h.app.sbd.ctx, other.id, { username: 'bgh.khac', fullName: 'BGH khác', department: '', roles: [{ role: 'leader' }] });
    const activated = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'bgh.khac', code: created.activationCode, password: 'mat-khau-dai-123' } });
    const foreign = await h.syncAs(activated.json().token, { cursors: { [scope]: 0 } });
    expect(foreign.body.changes).toEqual([]);
    expect(foreign.body.denied).toEqual([scope]);
    expect(foreign.body.scopes).toEqual([]);
  });
});
