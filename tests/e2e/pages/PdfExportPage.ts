import type { Download, Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

/** The "Xuất PDF" dialog of the semester screen. */
export class PdfExportPage extends AppPage {
  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Xuất sổ bồi dưỡng ra PDF' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xuất PDF' }).first().click();
    await this.dialog().waitFor();
  }

  /** Starts the export; resolves with the download it produces. */
  async exportAndDownload(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.dialog().getByRole('button', { name: 'Xuất PDF' }).click();
    return download;
  }

  async start(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Xuất PDF' }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Huỷ' }).click();
  }

  status(): Locator {
    return this.dialog().locator('.pdf-export__status');
  }
}
