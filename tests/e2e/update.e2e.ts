import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyOfBuild, firstPage, launchProfile, startServer, waitForServiceWorker, type RunningServer } from './harness.ts';
import { EntryFormPage } from './pages/EntryFormPage.ts';

/** Whether the registration has a new worker waiting, and whether one controls the page. */
function workerState(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: Boolean(registration?.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
  });
}

describe('update prompt: "Có phiên bản mới" never discards what the teacher is typing', () => {
  let build: ReturnType<typeof copyOfBuild>;
  let server: RunningServer;
  let profile: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let form: EntryFormPage;
  const typed = 'Dự giờ tiết Ngữ văn lớp 7A: học sinh thảo luận nhóm, cần';

  beforeAll(async () => {
    // Build A is served from a private copy, so the test can turn it into build B in place.
    build = copyOfBuild();
    server = await startServer(build.dir);
    profile = await launchProfile();
    page = await firstPage(profile.context);
    form = new EntryFormPage(page, server.url);
    await form.goto('/');
    await waitForServiceWorker(page);
    await page.reload();
    await form.waitForScreen();
    expect(await workerState(page)).toEqual({ waiting: false, controlled: true });
  });

  afterAll(async () => {
    await profile?.close();
    await server?.close();
    build?.remove();
  });

  test('a new build appears while typing: the prompt shows, focus and text stay, typing goes on', async () => {
    await form.open();
    const content = form.field('Nội dung');
    await content.click();
    await page.keyboard.type(typed);
    await expect(form.updatePrompt().count()).resolves.toBe(0);

    // Build B: the server now serves a different service worker.
    appendFileSync(path.join(build.dir, 'sw.js'), `\n// build B ${Date.now()}\n`);
    // The app checks for updates when it becomes visible again (and every hour).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await form.updatePrompt().waitFor({ timeout: 30_000 });

    expect(await form.updatePrompt().innerText()).toMatch(/Có phiên bản mới[\s\S]*Cập nhật[\s\S]*Để sau/);
    expect(await workerState(page)).toEqual({ waiting: true, controlled: true });
    // Nothing reloaded, nothing stole the focus: the next keys land in the same field.
    await page.keyboard.type(' thêm phiếu học tập.');
    expect(await content.inputValue()).toBe(`${typed} thêm phiếu học tập.`);
    expect(await content.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/ghi');
  });

  test('"Để sau" hides the prompt and keeps the form as it was', async () => {
    await form.updatePrompt().getByRole('button', { name: 'Để sau' }).click();
    await form.updatePrompt().waitFor({ state: 'detached' });
    expect(await form.field('Nội dung').inputValue()).toBe(`${typed} thêm phiếu học tập.`);
    expect(await workerState(page)).toEqual({ waiting: true, controlled: true });
  });

  test('"Cập nhật" lets forms save first (sbd:before-update), then reloads into the new version', async () => {
    // A waiting version is found again on the next start.
    await page.reload();
    await form.updatePrompt().waitFor();
    await form.open();
    await form.field('Nội dung').fill('Bản nháp chưa lưu');
    // Stands in for a form's draft saving: it answers the event and takes a while to finish.
    await page.evaluate(() => {
      window.addEventListener('sbd:before-update', (event) => {
        const detail = (event as CustomEvent<{ waitUntil(p: Promise<unknown>): void }>).detail;
        const draft = (document.querySelector('#entry-content') as HTMLTextAreaElement).value;
        detail.waitUntil(new Promise((resolve) => setTimeout(resolve, 300)).then(() => sessionStorage.setItem('draft', draft)));
      });
    });
    await Promise.all([page.waitForEvent('load'), form.updatePrompt().getByRole('button', { name: 'Cập nhật' }).click()]);
    await form.waitForScreen();
    expect(await page.evaluate(() => sessionStorage.getItem('draft'))).toBe('Bản nháp chưa lưu');
    expect(await workerState(page)).toEqual({ waiting: false, controlled: true });
    await expect(form.updatePrompt().count()).resolves.toBe(0);
  });
});
