import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, startServer, type RunningServer } from './harness.ts';
import { AppPage } from './pages/AppPage.ts';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

describe('iOS Safari: "Thêm vào Màn hình chính" hint, once, dismissible', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('shows on iPhone Safari, stays away after "Đã hiểu", also after a reload', async () => {
    const context = await browser.newContext({ userAgent: IPHONE_SAFARI, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const app = new AppPage(await context.newPage(), server.url);
    await app.goto('/');
    await app.iosHint().waitFor();
    expect(await app.iosHint().innerText()).toMatch(/Thêm vào Màn hình chính[\s\S]*Chia sẻ/);
    const axe = await new AxeBuilder({ page: app.page }).include('[data-testid="ios-install-hint"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    await app.iosHint().getByRole('button', { name: 'Đã hiểu' }).click();
    await app.iosHint().waitFor({ state: 'detached' });
    await app.page.reload();
    await app.waitForScreen();
    await app.page.locator('.entry-card, .welcome, main h2').first().waitFor();
    expect(await app.iosHint().count()).toBe(0);
    await context.close();
  });

  test('not shown when opened from the home screen (navigator.standalone) nor on Android', async () => {
    const standalone = await browser.newContext({ userAgent: IPHONE_SAFARI, isMobile: true, hasTouch: true });
    await standalone.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
    const android = await browser.newContext({ userAgent: ANDROID_CHROME, isMobile: true, hasTouch: true });
    for (const context of [standalone, android]) {
      const app = new AppPage(await context.newPage(), server.url);
      await app.goto('/');
      await app.page.waitForLoadState('networkidle');
      expect(await app.iosHint().count()).toBe(0);
      await context.close();
    }
  });
});
