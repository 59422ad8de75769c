import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectPageErrors, launchBrowser, startServer, VIEWPORT, type RunningServer } from './harness.ts';
import { AppPage } from './pages/AppPage.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { SearchPage } from './pages/SearchPage.ts';
import { SettingsPage } from './pages/SettingsPage.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('the logbook in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('creates entries from the form; they show on the home screen and in the whole logbook', async () => {
    const form = new EntryFormPage(page, server.url);
    await form.goto('/');
    await form.create({ date: today(), content: 'Bồi dưỡng thường xuyên: mô đun GVPT 02', program: '03', module: 'GVPT 02', periods: '3' });
    await form.create({ date: today(), content: 'Tự học <script>alert(1)</script> tài liệu chuyên đề', program: '01', periods: '2' });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.locator('.entry-card').nth(1).waitFor();
    const texts = await form.entryTexts();
    expect(texts).toHaveLength(2);
    // Typed HTML is shown as text, never run.
    expect(texts).toContain('Tự học <script>alert(1)</script> tài liệu chuyên đề');

    await form.goto('/so');
    await page.locator('.entry-card').nth(1).waitFor();
    expect(await form.entryTexts()).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  test('bad input: empty content and too many tiết get field errors in Vietnamese, nothing is saved', async () => {
    const form = new EntryFormPage(page, server.url);
    await form.open();
    await form.fill({ content: '', periods: '13' });
    await form.saveButton().click();
    await form.errorOf('Nội dung').waitFor();
    expect(await form.errorOf('Nội dung').innerText()).not.toBe('');
    expect(await form.errorOf('Số tiết').innerText()).not.toBe('');
    expect(new URL(page.url()).pathname).toBe('/ghi');
    expect(await form.field('Nội dung').getAttribute('aria-invalid')).toBe('true');
  });

  test('search is diacritic- and case-insensitive: "boi duong" finds "Bồi dưỡng"', async () => {
    const search = new SearchPage(page, server.url);
    await search.goto('/tim-kiem');
    expect(await search.search('boi DUONG')).toEqual(['Bồi dưỡng thường xuyên: mô đun GVPT 02']);
    expect(await search.search('không có trong sổ')).toEqual([]);
  });

  test('backup → clear site data → restore gives back the same entries', async () => {
    const settings = new SettingsPage(page, server.url);
    await settings.open();
    const backup = await settings.downloadBackup();
    expect(backup.name).toMatch(/^so-boi-duong-\d{4}-\d{2}-\d{2}\.json$/);
    expect(backup.text).toContain('Bồi dưỡng thường xuyên: mô đun GVPT 02');

    // What "Xoá dữ liệu trang web" does: IndexedDB, local storage, caches, service workers.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.url, storageTypes: 'all' });
    const app = new AppPage(page, server.url);
    await app.goto('/so');
    await page.getByText('Năm học này chưa có mục ghi nào.').waitFor();

    await settings.open();
    const outcome = await settings.restore(backup.name, backup.text);
    expect(outcome).toMatch(/Đã khôi phục 2 mục ghi/);

    await app.goto('/so');
    await page.locator('.entry-card').nth(1).waitFor();
    expect((await app.entryTexts()).sort()).toEqual(['Bồi dưỡng thường xuyên: mô đun GVPT 02', 'Tự học <script>alert(1)</script> tài liệu chuyên đề'].sort());

    // The round trip is exact: a second backup holds the same records.
    await settings.open();
    const again = await settings.downloadBackup();
    const records = (text: string) => {
      const data = JSON.parse(text) as Record<string, unknown>;
      delete data.exportedAt;
      return data;
    };
    expect(records(again.text)).toEqual(records(backup.text));
  });

  test('a damaged backup is refused with a clear message and changes nothing', async () => {
    const settings = new SettingsPage(page, server.url);
    await settings.open();
    const outcome = await settings.restore('hong.json', '{"format": "so-boi-duong", "entr');
    expect(outcome).toMatch(/không|hỏng/i);
    const app = new AppPage(page, server.url);
    await app.goto('/so');
    await page.locator('.entry-card').nth(1).waitFor();
    expect(await app.entryTexts()).toHaveLength(2);
  });
});
