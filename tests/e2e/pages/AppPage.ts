import type { Locator, Page } from 'playwright-core';

/** The layout every screen shares: header, bottom navigation, notices, PWA prompts. */
export class AppPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(path: string): Promise<void> {
    await this.page.goto(this.baseUrl + path);
    await this.waitForScreen();
  }

  /** A screen has rendered when its <h1> is visible and no loading placeholder remains in <main>. */
  async waitForScreen(): Promise<void> {
    await this.page.locator('main h1').first().waitFor({ state: 'visible' });
  }

  heading(): Locator {
    return this.page.locator('main h1').first();
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name });
  }

  newEntryLink(): Locator {
    return this.page.getByRole('banner').getByRole('link', { name: 'Ghi mới' });
  }

  /** The one notice at a time ("Đã lưu.", undo offers…). */
  notice(): Locator {
    return this.page.locator('.notice-region .notice');
  }

  updatePrompt(): Locator {
    return this.page.getByRole('region', { name: 'Có phiên bản mới' });
  }

  iosHint(): Locator {
    return this.page.getByRole('region', { name: 'Thêm vào Màn hình chính' });
  }

  /** Text of every entry card shown on the current screen. */
  async entryTexts(): Promise<string[]> {
    return this.page.locator('.entry-card__link').allInnerTexts();
  }
}
