import { describe, expect, it } from 'vitest';
import { saveEntry, getEntry, searchEntries } from '../../../../src/app/db/entries.ts';
import { ServerApi } from '../../../../src/app/sync/api.ts';
import { SyncController } from '../../../../src/app/sync/controller.ts';
import { getConnection } from '../../../../src/app/sync/state.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { harnessFor } from '../../../server/harness.ts';
import { input } from '../db/helpers.ts';
import { freshDb, injectFetch, login, SERVER_URL } from './helpers.ts';

const setup = harnessFor('sqlite');

async function phone() {
  const h = await setup();
  const session = await h.user('lan', [{ role: 'teacher' }]);
  const { fetch, control } = injectFetch(h.app);
  const controller = new SyncController(freshDb(), { fetch });
  return { h, session, controller, db: controller.db, control };
}

describe('sync controller', () => {
  it('an expired or revoked session pauses sync, keeps every local edit, and resumes after a new login', async () => {
    const { h, session, controller, db } = await phone();
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    expect(controller.getSnapshot().phase).toBe('idle');

    const saved = await saveEntry(db, input({ content: 'Viết khi phiên đã hết hạn' }));
    if (!saved.ok) throw new Error('save failed');
    const queued = await db.outbox.count(); // the entry and its new school year
    expect(queued).toBe(2);
    await accounts.revokeSessions(h.app.sbd.ctx, h.schoolId, session.user.id);
    await controller.syncNow();
    const status = controller.getSnapshot();
    expect(status.phase).toBe('needs-login');
    expect(status.lastError).toMatch(/đăng nhập lại/i);
    expect(status.pending).toBe(queued);
    expect(await db.outbox.count()).toBe(queued);
    expect((await getEntry(db, saved.entry.id))?.content).toBe('Viết khi phiên đã hết hạn');
    expect((await getConnection(db))?.needsLogin).toBe(true);

    // Further triggers send nothing until the teacher logs in again.
    await controller.syncNow();
    expect(await db.outbox.count()).toBe(queued);

    await controller.connected(SERVER_URL, await login(h.app, 'lan'));
    await controller.syncNow();
    expect(controller.getSnapshot()).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    expect(controller.getSnapshot().lastSyncedAt).not.toBeNull();
  });

  it('after a run, the entries it pulled get their search keys in the background; search finds them all along', async () => {
    const { h, session, controller, db } = await phone();
    const first = new SyncController(freshDb(), { fetch: injectFetch(h.app).fetch });
    await first.connected(SERVER_URL, await login(h.app, 'lan'));
    for (let i = 1; i <= 300; i++) await saveEntry(first.db, input({ content: `Chuyên đề ${i}` }));
    await first.syncNow();
    expect(first.getSnapshot().pending).toBe(0);

    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    expect(await db.entries.count()).toBe(300);
    expect(await searchEntries(db, 'chuyen de 300')).toHaveLength(1);
    await expect.poll(() => db.entries.where('searchPending').equals(1).count(), { timeout: 20_000 }).toBe(0);
    const [found] = await searchEntries(db, 'chuyen de 300');
    expect((await db.entries.get(found!.id))?.searchKeys).toContain(`300 ${found!.date} ${found!.createdAt} ${found!.id}`);
    expect(await searchEntries(db, 'chuyen de', 1000)).toHaveLength(300);
  });

  it('logout with unsynced edits keeps them; they sync after the next login', async () => {
    const { h, session, controller, db, control } = await phone();
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    const saved = await saveEntry(db, input({ content: 'Chưa kịp đồng bộ' }));
    if (!saved.ok) throw new Error('save failed');
    const queued = await db.outbox.count();
    expect(queued).toBeGreaterThan(0);
    control.down = true; // offline when logging out: still logs out locally
    await controller.logout();
    expect(controller.getSnapshot().phase).toBe('not-connected');
    expect(await getConnection(db)).toBeNull();
    expect(await db.outbox.count()).toBe(queued);
    expect(await getEntry(db, saved.entry.id)).toBeDefined();

    control.down = false;
    await controller.connected(SERVER_URL, await login(h.app, 'lan'));
    await controller.syncNow();
    expect(await db.outbox.count()).toBe(0);
    const other = await new ServerApi(SERVER_URL, injectFetch(h.app).fetch).sync((await login(h.app, 'lan')).token, { clientId: 'pc-device-01', schemaVersion: 2, mutations: [], cursors: {} });
    expect(other.changes.map((c) => c.id)).toContain(saved.entry.id);
  });

  it('an account without a logbook of its own (a principal) keeps the device’s logbook rows, held, not counted as waiting to sync', async () => {
    const h = await setup();
    const session = await h.user('thu', [{ role: 'leader', department: '' }]);
    expect(session.user.scopeId).toBeNull();
    const controller = new SyncController(freshDb(), { fetch: injectFetch(h.app).fetch });
    const db = controller.db;
    const saved = await saveEntry(db, input({ content: 'Ghi trên máy của hiệu trưởng' }));
    if (!saved.ok) throw new Error('save failed');
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    await controller.refresh();
    // The entry and its school year never go to the server with this account, and are kept.
    expect(controller.getSnapshot()).toMatchObject({ phase: 'idle', pending: 0, heldLocally: 2 });
    expect(await db.outbox.count()).toBe(2);
    expect((await getEntry(db, saved.entry.id))?.content).toBe('Ghi trên máy của hiệu trưởng');
    // Logged out, nothing is held for an account: the rows count as waiting again (for the next login).
    await controller.logout();
    expect(controller.getSnapshot()).toMatchObject({ pending: 2, heldLocally: 0 });
  });

  it('logout revokes the session on the server', async () => {
    const { h, session, controller } = await phone();
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    await controller.logout();
    const res = await h.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${session.token}` } });
    expect(res.statusCode).toBe(401);
  });

  it('network failure: offline phase, the outbox waits; a 426 shows the server message', async () => {
    const { session, controller, db, control } = await phone();
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    await saveEntry(db, input({ content: 'Ngoại tuyến' }));
    const queued = await db.outbox.count();
    control.down = true;
    await controller.syncNow();
    expect(controller.getSnapshot()).toMatchObject({ phase: 'offline', lastError: 'sync.errors.network' });
    expect(await db.outbox.count()).toBe(queued);

    control.down = false;
    const tooOld = new SyncController(db, {
      fetch: async () => new Response(JSON.stringify({ error: { code: 'client_too_old', message: 'Ứng dụng đã cũ, hãy cập nhật.' } }), { status: 426 }),
    });
    await tooOld.syncNow();
    expect(tooOld.getSnapshot()).toMatchObject({ phase: 'error', lastError: 'Ứng dụng đã cũ, hãy cập nhật.', lastErrorFromServer: true });
    expect(await db.outbox.count()).toBe(queued);
    await controller.syncNow();
    expect(controller.getSnapshot().phase).toBe('idle');
    expect(await db.outbox.count()).toBe(0);
  });

  it('one run at a time: concurrent triggers coalesce', async () => {
    const { session, controller, db, control } = await phone();
    await controller.connected(SERVER_URL, session);
    await controller.syncNow();
    await saveEntry(db, input({ content: 'Một lần thôi' }));
    const before = control.log.length;
    await Promise.all([controller.syncNow(), controller.syncNow(), controller.syncNow()]);
    await controller.syncNow();
    const pushes = control.log.slice(before).filter((l) => ((l.request as { mutations?: unknown[] } | null)?.mutations ?? []).length > 0);
    expect(pushes).toHaveLength(1);
  });
});
