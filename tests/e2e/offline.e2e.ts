import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectPageErrors, firstPage, launchProfile, startServer, waitForServiceWorker, type RunningServer } from './harness.ts';
import { AppPage } from './pages/AppPage.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';
import { SearchPage } from './pages/SearchPage.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('offline: after the first visit the app needs no network', () => {
  let server: RunningServer;
  let profile: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let errors: string[];
  const first = `Tự học mô đun GVPT 04 — xây dựng kế hoạch dạy học ${Date.now()}`;
  const second = 'Sinh hoạt tổ chuyên môn: dạy học theo chủ đề';

  beforeAll(async () => {
    server = await startServer();
    profile = await launchProfile();
    page = await firstPage(profile.context);
    errors = collectPageErrors(page);
    const form = new EntryFormPage(page, server.url);
    await form.goto('/');
    await waitForServiceWorker(page);
    await form.create({ date: today(), content: first, program: '03', module: 'GVPT 04', periods: '2' });
    await form.create({ date: today(), content: second, form: 'Sinh hoạt tổ/nhóm chuyên môn', program: '', periods: '1,5' });
    // Chunks the landing screen loads after its first paint must not be cancelled by the tests' first navigation.
    await page.waitForLoadState('networkidle');
  });

  afterAll(async () => {
    await profile?.close();
    await server?.close();
  });

  test('the service worker precached every screen: all of them open offline, without a request reaching the server', async () => {
    await profile.context.setOffline(true);
    const app = new AppPage(page, server.url);
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    for (const path of ['/cai-dat', '/tim-kiem', '/so', `/thang/${today().slice(0, 7)}`, '/hoc-ky/HK1', '/ghi', '/']) {
      await app.goto(path);
      await expect(app.heading().isVisible()).resolves.toBe(true);
      // Every chunk the screen asks for comes from the precache, including those it loads after painting.
      await page.waitForLoadState('networkidle');
    }
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('reload offline shows the entries', async () => {
    await profile.context.setOffline(true);
    const app = new AppPage(page, server.url);
    await page.reload();
    await app.waitForScreen();
    await page.locator('.entry-card').first().waitFor();
    expect(await app.entryTexts()).toEqual(expect.arrayContaining([expect.stringContaining(first.slice(0, 30)), expect.stringContaining(second.slice(0, 30))]));
  });

  test('cold start offline: every tab closed, a new one opens the app with all data, and search works', async () => {
    await profile.context.setOffline(true);
    for (const open of profile.context.pages()) await open.close();
    const fresh = await profile.context.newPage();
    const freshErrors = collectPageErrors(fresh);
    const search = new SearchPage(fresh, server.url);
    await search.goto('/');
    await fresh.locator('.entry-card').first().waitFor();
    expect(await search.entryTexts()).toHaveLength(2);

    await search.goto('/tim-kiem');
    // Diacritic- and case-insensitive: "gvpt 04 KE HOACH" finds "… kế hoạch …".
    const found = await search.search('ke HOACH day hoc');
    expect(found).toEqual([expect.stringContaining('kế hoạch dạy học')]);
    expect(freshErrors).toEqual([]);
    page = fresh;
  });

  test('/api/ is never answered by the service worker: offline it fails instead of returning the app shell', async () => {
    await profile.context.setOffline(true);
    const outcome = await page.evaluate(async () => {
      try {
        const response = await fetch('/api/health');
        return `status ${response.status}`;
      } catch {
        return 'network error';
      }
    });
    expect(outcome).toBe('network error');
    await profile.context.setOffline(false);
    const online = await page.evaluate(async () => (await fetch('/api/health')).json());
    expect(online).toMatchObject({ ok: true });
  });
});
