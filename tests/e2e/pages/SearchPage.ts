import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** /tim-kiem */
export class SearchPage extends AppPage {
  input(): Locator {
    return this.page.getByLabel('Tìm kiếm', { exact: true });
  }

  status(): Locator {
    return this.page.locator('.search [role="status"]');
  }

  /** Types the query and returns the texts of the results once they are shown. */
  async search(query: string): Promise<string[]> {
    // Back to the empty state first, so an earlier query's result count is never mistaken for this one.
    await this.input().fill('');
    await this.status().filter({ hasText: 'Nhập từ khoá' }).waitFor();
    await this.input().fill(query);
    await this.status().filter({ hasText: /Tìm thấy|Không tìm thấy/ }).waitFor();
    return this.entryTexts();
  }
}
