import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, startServer, VIEWPORT, type RunningServer } from './harness.ts';
import { AppPage } from './pages/AppPage.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { ObservationPage } from './pages/ObservationPage.ts';
import { PdfExportPage } from './pages/PdfExportPage.ts';
import { SkknPage } from './pages/SkknPage.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Serious and critical axe-core violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core): no serious or critical violation on any screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let entryPath: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    page = await context.newPage();
    app = new AppPage(page, server.url);
    const form = new EntryFormPage(page, server.url);
    await form.goto('/');
    // The welcome screen of an empty logbook is a screen too.
    expect(await seriousViolations(page)).toEqual([]);
    await form.create({ date: today(), content: 'Bồi dưỡng mô đun GVPT 05', program: '03', module: 'GVPT 05', periods: '4' });
    await form.create({ date: today(), content: 'Tự học tài liệu về đánh giá học sinh', program: '', periods: '1' });
    await page.locator('.entry-card__link').first().click();
    await page.waitForURL(/\/ghi\//);
    entryPath = new URL(page.url()).pathname;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const screens: [string, () => string][] = [
    ['home', () => '/'],
    ['new entry', () => '/ghi'],
    ['edit entry', () => entryPath],
    ['month', () => `/thang/${today().slice(0, 7)}`],
    ['semester I', () => '/hoc-ky/HK1'],
    ['semester II', () => '/hoc-ky/HK2'],
    ['search with results', () => '/tim-kiem?q=boi%20duong'],
    ['settings', () => '/cai-dat'],
    ['whole logbook', () => '/so'],
    ['not found', () => '/khong-co-trang-nay'],
    // Not connected here: the leader and admin screens with data are checked in leaders.e2e.ts.
    ['inspection, not connected', () => '/kiem-tra'],
    ['administration, not connected', () => '/quan-tri'],
  ];

  for (const [name, path] of screens) {
    test(name, async () => {
      await app.goto(path());
      // Let lazy parts (charts, lists) settle before checking.
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('field errors on the entry form', async () => {
    const form = new EntryFormPage(page, server.url);
    await form.open();
    await form.fill({ content: '', periods: '0' });
    await form.saveButton().click();
    await form.errorOf('Nội dung').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the PDF export dialog', async () => {
    const pdf = new PdfExportPage(page, server.url);
    await pdf.goto('/hoc-ky/HK1');
    await pdf.open();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await pdf.dialog().waitFor({ state: 'detached' });
  });

  test('observation screens: lists, capture form with a flagged row and field errors, one observation, mentor screen', async () => {
    const obs = new ObservationPage(page, server.url);
    await obs.create({ className: '7A', subject: 'Toán', lessonTitle: 'Góc so le trong', teacher: 'Lê Thị Mai', rows: [['7:20', 'Khởi động'], ['7:05', 'Hoạt động nhóm']] });
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of ['/du-gio', '/du-gio?loai=duoc-du', '/kem-cap']) {
      await obs.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await obs.goto('/du-gio/moi');
    await page.getByRole('button', { name: '+ Thêm dòng' }).click();
    await page.getByRole('button', { name: '+ Thêm dòng' }).click();
    await page.getByLabel('Thời điểm').nth(1).fill('0:01');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.getByText('Hãy nhập lớp.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('innovation topic and SKKN screens: topic with a milestone, draft list, a draft with its editor, cover, references form, export', async () => {
    await app.goto('/doi-moi');
    await page.getByLabel('Tên nội dung đổi mới').fill('Dạy học theo trạm');
    await page.getByRole('button', { name: 'Thêm mốc kế hoạch' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    const skkn = new SkknPage(page, server.url);
    await skkn.create('Trò chơi học tập môn Toán');
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'draft').toEqual([]);
    for (const tab of ['Trang bìa', 'Tài liệu tham khảo', 'Xuất file'] as const) {
      await skkn.tab(tab).click();
      if (tab === 'Tài liệu tham khảo') await page.getByRole('button', { name: 'Thêm tài liệu' }).click();
      expect(await seriousViolations(page), tab).toEqual([]);
    }
    await app.goto('/skkn');
    expect(await seriousViolations(page), '/skkn').toEqual([]);
  });

  test('the whole app in English', async () => {
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await app.goto('/');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.removeItem('lang'));
  });
});
