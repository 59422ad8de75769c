import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { storeFromEnv } from '../../src/server/config.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { collectPageErrors, e2eBuild, launchBrowser, VIEWPORT, waitForServiceWorker } from './harness.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { SettingsPage } from './pages/SettingsPage.ts';

/**
 * Two devices of one teacher (two browser contexts) against the real server on SQLite in a temporary
 * DATA_DIR, as `npm start` runs it: they connect through "Kết nối máy chủ trường", write offline,
 * converge; then the server is stopped in the middle of a sync (after it applied a batch, before the
 * answer reached the phone) and restarted on the same port and data: nothing is lost or doubled.
 */

const USERNAME = 'gv.lan';
const PASSWORD = 'mật-khẩu-đủ-dài';
const today = () => new Date().toISOString().slice(0, 10);

interface SyncServer {
  app: FastifyInstance;
  url: string;
  port: number;
}

async function startSyncServer(dataDir: string, port = 0): Promise<SyncServer> {
  const app = await buildServer({ distDir: e2eBuild(), store: storeFromEnv({ DATA_DIR: dataDir }), scryptN: 2 ** 12 });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${address.port}`, port: address.port };
}

/** The live entries of the teacher's logbook on the server: content → how many records. */
async function serverEntries(app: FastifyInstance): Promise<Map<string, number>> {
  const rows = await app.sbd.ctx.conn.db.selectFrom('records').select(['data', 'deleted']).where('tbl', '=', 'entries').execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (Number(row.deleted) === 1) continue;
    const content = String((JSON.parse(row.data) as { content: string }).content);
    counts.set(content, (counts.get(content) ?? 0) + 1);
  }
  return counts;
}

describe('sync between two devices of one teacher in Chromium', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sbd-data-'));
  let server: SyncServer;
  let browser: Browser;
  const devices: Array<{ context: BrowserContext; page: Page; settings: SettingsPage; form: EntryFormPage; errors: string[] }> = [];
  const stamp = Date.now();
  const text = (name: string) => `${name} — ghi chép bồi dưỡng ${stamp}`;

  /** "Đồng bộ ngay" on each device in turn until every one shows exactly `expected` (each once). */
  async function converge(expected: string[]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      let done = true;
      for (const device of devices) {
        await device.settings.open();
        await device.settings.syncNow();
        await device.form.goto('/');
        const shown = await device.form.entryTexts();
        const ok = expected.every((e) => shown.filter((s) => s.includes(e)).length === 1) && shown.length === expected.length;
        done = done && ok;
      }
      if (done) return;
    }
    for (const [i, device] of devices.entries()) {
      await device.form.goto('/');
      expect(await device.form.entryTexts(), `device ${i}`).toEqual(expect.arrayContaining(expected.map((e) => expect.stringContaining(e))));
      expect(await device.form.entryTexts(), `device ${i}`).toHaveLength(expected.length);
    }
  }

  beforeAll(async () => {
    server = await startSyncServer(dataDir);
    const school = await accounts.createSchool(server.app.sbd.ctx, 'THCS Thử Nghiệm');
    const created = await accounts.createUser(server.app.sbd.ctx, school.id, { username: USERNAME, fullName: 'Nguyễn Thị Lan', department: '', roles: [{ role: 'teacher' }] });
    const activated = await server.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: USERNAME, code: created.activationCode, password: PASSWORD } });
    if (activated.statusCode !== 200) throw new Error(`activate: ${activated.body}`);

    browser = await launchBrowser();
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      devices.push({ context, page, settings: new SettingsPage(page, server.url), form: new EntryFormPage(page, server.url), errors: collectPageErrors(page) });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('both connect in settings, write offline, come back online and see both entries', async () => {
    for (const device of devices) {
      await device.settings.open();
      await waitForServiceWorker(device.page);
      await device.settings.connect(USERNAME, PASSWORD);
    }
    for (const [i, device] of devices.entries()) {
      await device.context.setOffline(true);
      await device.form.create({ date: today(), content: text(`Máy ${i + 1} ngoại tuyến`), program: '03', module: 'GVPT 04', periods: '2' });
    }
    for (const device of devices) await device.context.setOffline(false);

    await converge([text('Máy 1 ngoại tuyến'), text('Máy 2 ngoại tuyến')]);
    const onServer = await serverEntries(server.app);
    expect(onServer.get(text('Máy 1 ngoại tuyến'))).toBe(1);
    expect(onServer.get(text('Máy 2 ngoại tuyến'))).toBe(1);
  });

  test('the server stops after applying a batch, before its answer arrives, and restarts on the same data: nothing lost or doubled', async () => {
    const [first, second] = devices as [(typeof devices)[0], (typeof devices)[0]];
    const port = server.port;
    await first.settings.open();

    // Device 1's next sync reaches the server, which applies it; then the server goes down and the
    // answer is lost (the connection is reset).
    let applied!: () => void;
    const wasApplied = new Promise<void>((resolve) => (applied = resolve));
    let armed = true;
    await first.context.route('**/api/sync', async (route) => {
      const body = route.request().postDataJSON() as { mutations: unknown[] };
      if (!armed || body.mutations.length === 0) return route.continue();
      armed = false;
      const response = await route.fetch();
      expect(response.status()).toBe(200);
      await server.app.close();
      await route.abort('connectionreset');
      applied();
    });
    await first.form.create({ date: today(), content: text('Máy 1 lúc máy chủ tắt'), program: '03', module: 'GVPT 04', periods: '1' });
    await first.settings.open();
    await first.settings.syncNowButton().click();
    await wasApplied;
    await first.context.unrouteAll({ behavior: 'ignoreErrors' });

    // While the server is down device 2 writes too; its sync fails and keeps the edit.
    await second.form.create({ date: today(), content: text('Máy 2 lúc máy chủ tắt'), program: '03', module: 'GVPT 04', periods: '1' });
    await second.settings.open();
    await second.settings.syncNowButton().click();
    await second.settings.syncIndicator().filter({ hasText: /Không có mạng|Lỗi đồng bộ|chưa đồng bộ/ }).waitFor();

    server = await startSyncServer(dataDir, port);
    const expected = [text('Máy 1 ngoại tuyến'), text('Máy 2 ngoại tuyến'), text('Máy 1 lúc máy chủ tắt'), text('Máy 2 lúc máy chủ tắt')];
    await converge(expected);
    const onServer = await serverEntries(server.app);
    for (const e of expected) expect(onServer.get(e), e).toBe(1);
    expect([...onServer.values()].reduce((a, b) => a + b, 0)).toBe(expected.length);
    for (const device of devices) expect(device.errors.filter((e) => !/ERR_CONNECTION|Failed to fetch|net::/.test(e))).toEqual([]);
  });
});
