import AxeBuilder from '@axe-core/playwright';
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
import { collectPageErrors, e2eBuild, launchBrowser, VIEWPORT } from './harness.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { InspectionPage } from './pages/InspectionPage.ts';
import { SettingsPage } from './pages/SettingsPage.ts';

/**
 * Issue #7 end to end, with the real server: a tổ trưởng confirms a teacher's semester, the teacher
 * then edits an entry, and the tổ trưởng sees "Đã sửa sau khi xác nhận" with the entry that changed.
 */

const PASSWORD = 'mật-khẩu-đủ-dài';
const TEACHER = { username: 'gv.lan', fullName: 'Nguyễn Thị Lan' };
const HEAD = { username: 'tt.toan', fullName: 'Phạm Thu Hà' };

/** Serious and critical axe-core violations on the page as it is now (as in accessibility.e2e.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface Device {
  context: BrowserContext;
  page: Page;
  settings: SettingsPage;
  errors: string[];
}

describe('a tổ trưởng confirms a semester in Chromium', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sbd-leaders-'));
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let teacher: Device;
  let head: Device;

  async function device(): Promise<Device> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    return { context, page, settings: new SettingsPage(page, url), errors: collectPageErrors(page) };
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
    for (const [person, roles] of [
      [TEACHER, [{ role: 'teacher' as const }]],
      [HEAD, [{ role: 'teacher' as const }, { role: 'leader' as const, department: 'Toán' }, { role: 'admin' as const }]],
    ] as const) {
      const created = await accounts.createUser(app.sbd.ctx, school.id, { username: person.username, fullName: person.fullName, department: 'Toán', roles: [...roles] });
      const activated = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: person.username, code: created.activationCode, password: PASSWORD } });
      if (activated.statusCode !== 200) throw new Error(`activate: ${activated.body}`);
    }
    browser = await launchBrowser();
    teacher = await device();
    head = await device();
    for (const [d, person] of [
      [teacher, TEACHER],
      [head, HEAD],
    ] as const) {
      await d.settings.open();
      await d.settings.connect(person.username, PASSWORD);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('confirm, edit after it, and the flag with what changed', async () => {
    const form = new EntryFormPage(teacher.page, url);
    await form.create({ content: 'Sinh hoạt tổ chuyên môn: đổi mới kiểm tra đánh giá', program: '01', periods: '3' });
    await sync(teacher);

    // The tổ trưởng pulls her tổ, opens Lan's logbook from the overview and confirms the semester.
    await sync(head);
    const inspection = new InspectionPage(head.page, url);
    await inspection.open();
    await expect.poll(() => inspection.row(TEACHER.fullName).innerText()).toContain('Chưa xác nhận');
    await inspection.openLogbook(TEACHER.fullName);
    await head.page.getByText('Sinh hoạt tổ chuyên môn: đổi mới kiểm tra đánh giá').waitFor();
    await inspection.confirm('Ghi chép đầy đủ.');
    await sync(head);

    // Lan changes the entry afterwards.
    await teacher.settings.goto('/');
    await teacher.page.locator('.entry-card__link', { hasText: 'Sinh hoạt tổ chuyên môn' }).click();
    await form.field('Số tiết').fill('4');
    await form.saveButton().click();
    await form.notice().filter({ hasText: 'Đã lưu' }).waitFor();
    await sync(teacher);

    await inspection.open();
    await expect.poll(() => inspection.row(TEACHER.fullName).innerText(), { timeout: 15_000 }).toContain('Đã sửa sau khi xác nhận');
    await inspection.openLogbook(TEACHER.fullName);
    await inspection.editedFlag().waitFor();
    expect(await inspection.editedFlag().innerText()).toContain('Mục ghi');
    expect(await inspection.editedFlag().innerText()).toContain('Sinh hoạt tổ chuyên môn: đổi mới kiểm tra');

    // The leader's and the admin's screens, with data, pass axe.
    expect(await seriousViolations(head.page), 'logbook').toEqual([]);
    await inspection.open();
    await head.page.getByRole('region', { name: /^Tiến độ/ }).waitFor();
    expect(await seriousViolations(head.page), 'overview').toEqual([]);
    await inspection.goto('/quan-tri');
    await head.page.getByRole('region', { name: 'Nhật ký hoạt động' }).getByRole('table').waitFor();
    await head.page.getByRole('form', { name: 'Cài đặt của trường' }).waitFor();
    expect(await seriousViolations(head.page), 'administration').toEqual([]);
    expect(teacher.errors).toEqual([]);
    expect(head.errors).toEqual([]);
  });
});
