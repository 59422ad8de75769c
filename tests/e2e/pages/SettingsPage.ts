import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** /cai-dat */
export class SettingsPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/cai-dat');
    await this.downloadButton().waitFor();
  }

  downloadButton(): Locator {
    return this.page.getByRole('button', { name: 'Tải bản sao lưu' });
  }

  /** Clicks "Tải bản sao lưu" and returns the file's name and text. */
  async downloadBackup(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.downloadButton().click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(file, 'utf8') };
  }

  /** Picks the file in "Khôi phục từ tệp", confirms, and waits for the outcome message. */
  async restore(name: string, text: string): Promise<string> {
    await this.page.getByLabel('Khôi phục từ tệp').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const dialog = this.page.getByRole('dialog', { name: 'Khôi phục từ bản sao lưu?' });
    await dialog.getByRole('button', { name: 'Khôi phục', exact: true }).click();
    const outcome = this.page.locator('.backup [role="status"], .backup [role="alert"]');
    await outcome.waitFor();
    return outcome.innerText();
  }

  /** The "Kết nối máy chủ trường" form (before connecting). */
  connectForm(): Locator {
    return this.page.getByRole('form', { name: 'Kết nối máy chủ trường' });
  }

  /** Logs in through "Kết nối máy chủ trường" (the server address defaults to this page's origin) and waits for "Đã kết nối". */
  async connect(username: string, password: string): Promise<void> {
    const form = this.connectForm();
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await form.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Kết nối', exact: true }).click();
    await this.page.getByText('Đã kết nối', { exact: true }).waitFor();
  }

  syncNowButton(): Locator {
    return this.page.getByRole('button', { name: 'Đồng bộ ngay' });
  }

  /** The sync status in the header ("Đã đồng bộ", "Không có mạng", "N thay đổi chưa đồng bộ"…). */
  syncIndicator(): Locator {
    return this.page.getByRole('status', { name: 'Trạng thái đồng bộ' });
  }

  /** Clicks "Đồng bộ ngay" and waits until the header says everything is synced. */
  async syncNow(): Promise<void> {
    await this.syncNowButton().click();
    await this.syncIndicator().filter({ hasText: /^Đã đồng bộ(?!.*chưa đồng bộ)/ }).waitFor({ timeout: 15_000 });
  }
}
