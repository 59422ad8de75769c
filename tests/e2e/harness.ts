import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.ts';
import { CHROME_ARGS, findChrome } from './browser.ts';
import { E2E_DIST, ensureE2eBuild } from './build.ts';

export { E2E_DIST };

export interface RunningServer {
  url: string;
  distDir: string;
  close(): Promise<void>;
}

/** The real server (src/server/app.ts) on a free port, serving a build of the PWA. */
export async function startServer(distDir: string = e2eBuild()): Promise<RunningServer> {
  const app = await buildServer({ distDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, distDir, close: () => app.close() };
}

/** The build of this run (made by globalSetup), or a fresh one when a file runs on its own. */
export function e2eBuild(): string {
  return process.env.SBD_E2E_BUILT === '1' ? E2E_DIST : ensureE2eBuild();
}

/** A private copy of the build, for tests that change what the server serves (the update test). */
export function copyOfBuild(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sbd-dist-'));
  cpSync(e2eBuild(), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function chromePath(): string {
  const found = findChrome();
  // scripts/e2e.mjs checks this before Vitest starts; reaching here without Chromium is a setup error.
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium, or set CHROME_PATH');
  return found;
}

export const VIEWPORT = { width: 412, height: 915 }; // a common Android phone

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS, headless: true });
}

/** A context with its own profile on disk: service workers, storage and installability behave as in a real profile. */
export async function launchProfile(options: BrowserContextOptions & { args?: string[] } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'sbd-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath(),
    args: CHROME_ARGS,
    headless: true,
    viewport: VIEWPORT,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The page the persistent context opened with, or a new one. */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Waits until a service worker controls the scope and is activated (the first install finished). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
  });
}

/** Errors the page threw or logged: a test fails on an uncaught error even when the screen looks right. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(message.text())) {
      errors.push(`console.error: ${message.text()}`);
    }
  });
  return errors;
}
