import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** /tim-kiem */
export class SearchPage extends AppPage {
  input(): Locator {
    return this.page.getByLabel('Tìm kiếm', { exact: true });
  }

  async search(query: string): Promise<string[]> {
    await this.input().fill(query);
    await this.page.getByRole('status').filter({ hasText: /Tìm thấy|Không tìm thấy/ }).waitFor();
    return this.entryTexts();
  }
}
