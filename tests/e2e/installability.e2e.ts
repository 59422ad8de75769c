import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstPage, launchProfile, startServer, waitForServiceWorker, type RunningServer } from './harness.ts';

describe('installability', () => {
  let server: RunningServer;
  let profile: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    profile = await launchProfile();
    page = await firstPage(profile.context);
    await page.goto(server.url + '/');
    await page.locator('main h1').waitFor();
    await waitForServiceWorker(page);
  });

  afterAll(async () => {
    await profile?.close();
    await server?.close();
  });

  test("Chromium's own installability check reports no error", async () => {
    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string; errorArguments: unknown[] }[];
    };
    expect(installabilityErrors).toEqual([]);
  });

  test('the manifest Chromium parsed is Vietnamese, standalone, with any and maskable icons', async () => {
    const cdp = await profile.context.newCDPSession(page);
    const { url, errors, data } = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[]; data: string };
    expect(url).toBe(`${server.url}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data) as Record<string, unknown> & { icons: { sizes: string; purpose: string; src: string }[] };
    expect(manifest).toMatchObject({ lang: 'vi', name: 'Sổ Bồi Dưỡng', short_name: 'Sổ BD', display: 'standalone', start_url: '/', theme_color: '#1f5f8b' });
    expect(String(manifest.description)).toContain('bồi dưỡng');
    for (const [sizes, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['192x192', 'maskable'],
      ['512x512', 'maskable'],
    ]) {
      const icon = manifest.icons.find((i) => i.sizes === sizes && i.purpose === purpose);
      expect(icon, `${sizes} ${purpose}`).toBeDefined();
      const response = await page.request.get(`${server.url}/${icon?.src}`);
      expect(response.headers()['content-type']).toBe('image/png');
    }
  });

  test('the page links the apple-touch-icon (180 px), the favicon and the theme colour', async () => {
    const head = await page.evaluate(() => ({
      apple: document.querySelector<HTMLLinkElement>('link[rel="apple-touch-icon"]')?.href,
      icon: document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href,
      theme: document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')?.content,
    }));
    expect(head).toEqual({ apple: `${server.url}/apple-touch-icon-180x180.png`, icon: `${server.url}/favicon.svg`, theme: '#1f5f8b' });
    const apple = await page.request.get(head.apple ?? '');
    expect(apple.status()).toBe(200);
    // PNG header: width and height at bytes 16..23.
    const png = await apple.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
  });
});
