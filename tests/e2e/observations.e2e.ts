import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { storeFromEnv } from '../../src/server/config.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectPageErrors, e2eBuild, launchBrowser, VIEWPORT, waitForServiceWorker } from './harness.ts';
import { ObservationPage } from './pages/ObservationPage.ts';
import { SettingsPage } from './pages/SettingsPage.ts';

/**
 * Issue #4 end to end, with the real server on SQLite: a mentee writes an observation offline and
 * syncs; her mentor (a second browser context) reads it, annotates it offline and syncs; the mentee
 * sees the note with an unread badge, opens it (read), replies; both converge on the same thread.
 */

const PASSWORD = 'mật-khẩu-đủ-dài';
const MENTEE = { username: 'gv.hoa', fullName: 'Nguyễn Thị Hoa' };
const MENTOR = { username: 'gv.nam', fullName: 'Trần Văn Nam' };

interface Device {
  context: BrowserContext;
  page: Page;
  settings: SettingsPage;
  obs: ObservationPage;
  errors: string[];
}

describe('observations and mentor notes between two people in Chromium', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sbd-obs-'));
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let mentee: Device;
  let mentor: Device;
  const title = `Hai đường thẳng song song ${Date.now()}`;
  const noteText = 'Hoạt động 2 kéo dài, nên chia nhóm nhỏ hơn.';
  const replyText = 'Dạ, em sẽ chia nhóm 4 bạn ở tiết sau.';

  async function device(): Promise<Device> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    return { context, page, settings: new SettingsPage(page, url), obs: new ObservationPage(page, url), errors: collectPageErrors(page) };
  }

  async function sync(d: Device): Promise<void> {
    await d.settings.open();
    await d.settings.syncNow();
  }

  beforeAll(async () => {
    app = await buildServer({ distDir: e2eBuild(), store: storeFromEnv({ DATA_DIR: dataDir }), scryptN: 2 ** 12 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const school = await accounts.createSchool(app.sbd.ctx, 'THCS Lộc Nga');
    const ids: Record<string, string> = {};
    for (const [person, roles] of [
      [MENTEE, [{ role: 'teacher' as const }]],
      [MENTOR, [{ role: 'teacher' as const }, { role: 'mentor' as const }]],
    ] as const) {
      const created = await accounts.createUser(app.sbd.ctx, school.id, { username: person.username, fullName: person.fullName, department: 'Toán', roles: [...roles] });
      const activated = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: person.username, code: created.activationCode, password: PASSWORD } });
      if (activated.statusCode !== 200) throw new Error(`activate: ${activated.body}`);
      ids[person.username] = created.user.id;
    }
    await accounts.addMentorship(app.sbd.ctx, school.id, ids[MENTOR.username]!, ids[MENTEE.username]!);
    browser = await launchBrowser();
    mentee = await device();
    mentor = await device();
    for (const [d, person] of [
      [mentee, MENTEE],
      [mentor, MENTOR],
    ] as const) {
      await d.settings.open();
      await waitForServiceWorker(d.page);
      await d.settings.connect(person.username, PASSWORD);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('mentee writes offline, mentor annotates offline, mentee reads and replies; both see one thread', async () => {
    // The mentee sits in a colleague's lesson with no signal.
    await mentee.context.setOffline(true);
    await mentee.obs.create({
      className: '7A',
      subject: 'Toán',
      lessonTitle: title,
      teacher: 'Lê Thị Mai',
      rows: [
        ['7:00', 'Khởi động: trò chơi ô chữ'],
        ['7:12', 'Hoạt động 2: thảo luận nhóm'],
      ],
    });
    await mentee.context.setOffline(false);
    await sync(mentee);

    // The mentor receives it, reads it read-only and writes a note while offline.
    await sync(mentor);
    await mentor.obs.goto('/kem-cap');
    await mentor.page.getByRole('link', { name: `Xem phiếu dự giờ của ${MENTEE.fullName}` }).click();
    await mentor.obs.listItem(title).click();
    await mentor.page.getByText('Hoạt động 2: thảo luận nhóm').waitFor();
    expect(await mentor.page.getByRole('link', { name: 'Sửa phiếu' }).count()).toBe(0);
    await mentor.context.setOffline(true);
    await mentor.obs.addWholeNote(noteText);
    await mentor.context.setOffline(false);
    await sync(mentor);

    // The mentee sees the unread badge on home and in the list; opening the observation marks it read.
    await sync(mentee);
    await mentee.obs.goto('/');
    await mentee.page.getByRole('link', { name: /Dự giờ học kỳ này/ }).filter({ hasText: '1 ghi chú mới' }).waitFor();
    await mentee.obs.goto('/du-gio');
    const item = mentee.obs.listItem(title);
    await expect.poll(() => item.innerText()).toContain('1 ghi chú mới');
    await item.click();
    await mentee.obs.note(noteText).filter({ hasText: 'Mới' }).waitFor();
    await mentee.obs.reply(noteText, replyText);
    await mentee.obs.goto('/');
    await mentee.page.getByRole('link', { name: /Dự giờ học kỳ này/ }).filter({ hasText: /1\/4/ }).waitFor();
    expect(await mentee.page.getByText('ghi chú mới').count()).toBe(0);
    await sync(mentee);

    // The mentor's screen shows the reply waiting for him, as new; opening it marks it read.
    await sync(mentor);
    await mentor.obs.goto('/kem-cap');
    await mentor.page.getByRole('link', { name: `Xem phiếu dự giờ của ${MENTEE.fullName}` }).filter({ hasText: 'Chờ bạn trả lời: 1' }).filter({ hasText: '1 trả lời mới' }).waitFor();
    await mentor.page.getByRole('link', { name: `Xem phiếu dự giờ của ${MENTEE.fullName}` }).click();
    await expect.poll(() => mentor.obs.listItem(title).innerText()).toContain('1 ghi chú mới');
    await mentor.obs.listItem(title).click();
    await mentor.obs.note(replyText).filter({ hasText: 'Mới' }).waitFor();
    expect(await mentor.obs.note(noteText).filter({ hasText: 'Mới' }).count()).toBe(0);
    const thread = async (d: Device) => (await d.page.locator('.thread__text').allInnerTexts()).join(' | ');
    const mentorThread = await thread(mentor);
    await mentee.obs.goto('/du-gio');
    await mentee.obs.listItem(title).click();
    await mentee.obs.note(replyText).waitFor();
    expect(await thread(mentee)).toBe(mentorThread);
    expect(mentorThread).toBe(`${noteText} | ${replyText}`);
    // His read mark travels to the server with his next sync.
    await sync(mentor);

    // On the server: one observation in her logbook, the note and the reply there too.
    const rows = await app.sbd.ctx.conn.db.selectFrom('records').select(['tbl', 'deleted']).where('tbl', 'in', ['observations', 'annotations', 'annotationReads']).execute();
    const live = rows.filter((r) => Number(r.deleted) !== 1).map((r) => r.tbl).sort();
    // Two read marks: the mentee's of the note (her logbook), the mentor's of the reply (his).
    expect(live).toEqual(['annotationReads', 'annotationReads', 'annotations', 'annotations', 'observations']);

    // The mentor deletes his note (the reply stays); after both sync, the mentee's thread has the reply only.
    await mentor.obs.goto('/kem-cap');
    await mentor.page.getByRole('link', { name: `Xem phiếu dự giờ của ${MENTEE.fullName}` }).click();
    await mentor.obs.listItem(title).click();
    await mentor.obs.note(noteText).getByRole('button', { name: /^Xoá ghi chú lúc/ }).click();
    await mentor.page.getByText('Đã xoá ghi chú.').waitFor();
    expect(await mentor.obs.note(noteText).count()).toBe(0);
    await sync(mentor);
    await sync(mentee);
    await mentee.obs.goto('/du-gio');
    await mentee.obs.listItem(title).click();
    await mentee.obs.note(replyText).waitFor();
    await expect.poll(() => thread(mentee)).toBe(replyText);
    for (const d of [mentee, mentor]) expect(d.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|Failed to fetch|net::/.test(e))).toEqual([]);
  });
});
