import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

export interface EntryData {
  /** yyyy-MM-dd */
  date?: string;
  content: string;
  /** Visible label of "Hình thức", e.g. "Tự học". */
  form?: string;
  /** "01" | "02" | "03" | "" (not BDTX) */
  program?: string;
  /** e.g. "GVPT 04", only for program 03 */
  module?: string;
  periods?: string;
  source?: string;
}

/** /ghi and /ghi/:id */
export class EntryFormPage extends AppPage {
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async open(): Promise<void> {
    await this.goto('/ghi');
    await this.field('Nội dung').waitFor();
  }

  async fill(entry: EntryData): Promise<void> {
    if (entry.date) await this.field('Ngày').fill(entry.date);
    await this.field('Nội dung').fill(entry.content);
    if (entry.form) await this.field('Hình thức').selectOption({ label: entry.form });
    if (entry.program !== undefined) {
      const select = this.field('Chương trình BDTX');
      if (entry.program === '') await select.selectOption({ value: '' });
      else await select.selectOption({ value: entry.program });
    }
    if (entry.module) await this.field('Mô đun').selectOption({ value: entry.module });
    if (entry.periods !== undefined) await this.field('Số tiết').fill(entry.periods);
    if (entry.source) await this.field('Nguồn / tài liệu').fill(entry.source);
  }

  saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Lưu', exact: true });
  }

  /** Fills the form, saves, and waits until the app has gone back and confirmed. */
  async create(entry: EntryData): Promise<void> {
    await this.open();
    await this.fill(entry);
    await this.saveButton().click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/ghi'));
    await this.notice().filter({ hasText: 'Đã lưu' }).waitFor();
  }

  errorOf(label: string): Locator {
    return this.page.locator('.field', { has: this.field(label) }).locator('.field__error');
  }
}
