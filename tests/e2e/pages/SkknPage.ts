import type { Locator, Page } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** The SKKN screens: the list with its create form, and a draft with its section editor. */
export class SkknPage extends AppPage {
  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
  }

  /** Creates a draft from the list screen and waits for the draft to open; returns its path. */
  async create(title: string, outline = 'Mẫu chung (Mở đầu – Nội dung – Kết luận)'): Promise<string> {
    await this.goto('/skkn');
    await this.page.getByLabel('Tên đề tài').fill(title);
    await this.page.getByRole('radio', { name: outline }).check();
    await this.page.getByRole('button', { name: 'Tạo bản thảo' }).click();
    await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await this.editor().waitFor();
    return new URL(this.page.url()).pathname;
  }

  editor(): Locator {
    return this.page.locator('.skkn-editor__content');
  }

  saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  async waitSaved(): Promise<void> {
    await this.page.getByTestId('save-status').filter({ hasText: 'Đã lưu trên máy' }).waitFor();
  }

  section(title: string): Locator {
    return this.page.getByRole('button', { name: `Mở mục ${title}` });
  }

  tab(name: 'Trang bìa' | 'Nội dung' | 'Tài liệu tham khảo' | 'Xuất file'): Locator {
    return this.page.getByRole('tab', { name });
  }
}
