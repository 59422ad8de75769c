import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** /kiem-tra and /kiem-tra/:scopeId (tổ trưởng, ban giám hiệu). */
export class InspectionPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/kiem-tra');
    await this.table().waitFor();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: /^Giáo viên — / });
  }

  row(name: string): Locator {
    return this.table().getByRole('row', { name: new RegExp(name) });
  }

  /** From the overview, the teacher's logbook. */
  async openLogbook(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name }).click();
    await this.page.getByRole('heading', { name: `Sổ của ${name}`, level: 1 }).waitFor();
  }

  confirmForm(): Locator {
    return this.page.getByRole('form', { name: 'Xác nhận học kỳ' });
  }

  async confirm(remark: string): Promise<void> {
    const form = this.confirmForm();
    await form.getByLabel('Nhận xét').fill(remark);
    await form.getByRole('button', { name: /^Xác nhận/ }).click();
    await this.page.getByText(/xác nhận ngày/).waitFor();
  }

  /** The "đã sửa sau khi xác nhận" box with the records that changed. */
  editedFlag(): Locator {
    return this.page.getByRole('group', { name: /^Đã sửa sau khi xác nhận/ });
  }
}
