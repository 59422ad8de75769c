import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTools, containsInOrder, pdfFonts, pdfText, qpdfCheck } from '../unit/pdf/pdfTools.ts';
import { collectPageErrors, firstPage, launchProfile, startServer, waitForServiceWorker, type RunningServer } from './harness.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { PdfExportPage } from './pages/PdfExportPage.ts';

const today = () => new Date().toISOString().slice(0, 10);
const tools = checkTools();

describe('PDF export in the browser', () => {
  let server: RunningServer;
  let profile: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let errors: string[];
  const content = `Tự học mô đun GVPT 05: phương pháp dạy học phát triển phẩm chất, năng lực ${Date.now()}`;

  beforeAll(async () => {
    server = await startServer();
    profile = await launchProfile();
    page = await firstPage(profile.context);
    errors = collectPageErrors(page);
    const form = new EntryFormPage(page, server.url);
    await form.goto('/');
    await waitForServiceWorker(page);
    await form.create({ date: today(), content, program: '03', module: 'GVPT 05', periods: '3' });
    // The home screen it lands on loads its cards' chunks after the first paint: a navigation while one
    // is still loading cancels it, which the test below would count as a failed request.
    await page.waitForLoadState('networkidle');
  });

  afterAll(async () => {
    await profile?.close();
    await server?.close();
  });

  test('offline, on a phone that never exported: the worker and fonts come from the precache and the PDF downloads', async () => {
    await profile.context.setOffline(true);
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const semester = today() >= `${today().slice(0, 4)}-01-15` && today() <= `${today().slice(0, 4)}-07-31` ? 'HK2' : 'HK1';
    const pdf = new PdfExportPage(page, server.url);
    await pdf.goto(`/hoc-ky/${semester}`);
    await pdf.open();
    const download = await pdf.exportAndDownload();
    expect(download.suggestedFilename()).toMatch(/^so-boi-duong_.*_\d{4}-\d{4}_HK[12]\.pdf$/);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.byteLength).toBeLessThan(10 * 1024 * 1024);
    await expect(pdf.status().textContent()).resolves.toContain('Đã tạo so-boi-duong_');
    if (tools) {
      expect(qpdfCheck(file).ok).toBe(true);
      expect(pdfFonts(file).every((f) => f.embedded)).toBe(true);
      expect(containsInOrder(pdfText(file), content)).toBe(true);
    }
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('an export can be cancelled; the screen stays usable', async () => {
    // A profile without the service worker, whose worker script arrives late: the export is surely
    // still running when "Huỷ" is pressed.
    const slow = await launchProfile({ serviceWorkers: 'block' });
    try {
      await slow.context.route('**/assets/pdf.worker-*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 4000));
        await route.continue().catch(() => undefined);
      });
      const slowPage = await firstPage(slow.context);
      const slowErrors = collectPageErrors(slowPage);
      const pdf = new PdfExportPage(slowPage, server.url);
      await pdf.goto('/hoc-ky/HK1');
      await pdf.open();
      await pdf.dialog().getByLabel('Cả năm học').check();
      await pdf.start();
      await pdf.cancel();
      await expect(pdf.status().textContent()).resolves.toContain('Đã huỷ xuất PDF.');
      await expect(pdf.dialog().getByRole('button', { name: 'Xuất PDF' }).isEnabled()).resolves.toBe(true);
      await pdf.dialog().getByRole('button', { name: 'Đóng' }).click();
      await pdf.dialog().waitFor({ state: 'detached' });
      expect(slowErrors).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
