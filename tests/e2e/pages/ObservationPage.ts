import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage.ts';

export interface ObservationData {
  className: string;
  subject: string;
  lessonTitle: string;
  teacher: string;
  /** Timeline rows: [time, activity]. */
  rows: Array<[string, string]>;
}

/** /du-gio (lists), /du-gio/moi (capture form), /du-gio/:id (one observation), /kem-cap… (mentor). */
export class ObservationPage extends AppPage {
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Fills the capture form and saves; resolves on the saved observation's screen. */
  async create(data: ObservationData): Promise<void> {
    await this.goto('/du-gio/moi');
    await this.field('Lớp').fill(data.className);
    await this.field('Môn').fill(data.subject);
    await this.field('Tên bài').fill(data.lessonTitle);
    await this.field('Người dạy').fill(data.teacher);
    for (const [index, [time, activity]] of data.rows.entries()) {
      await this.page.getByRole('button', { name: '+ Thêm dòng' }).click();
      // One tap: the new row's activity has the focus.
      await this.page.keyboard.type(activity);
      await this.page.getByLabel('Thời điểm').nth(index).fill(time);
    }
    await this.page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await this.page.getByRole('heading', { name: 'Tiến trình bài dạy' }).waitFor();
  }

  /** The list item (a link) of an observation, by lesson title. */
  listItem(title: string): Locator {
    return this.page.getByRole('link', { name: new RegExp(title) });
  }

  /** A thread's message by its text. */
  note(text: string): Locator {
    return this.page.locator('.thread__message').filter({ hasText: text });
  }

  async addWholeNote(text: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm ghi chú', exact: true }).click();
    await this.page.getByLabel('Ghi chú mới').fill(text);
    await this.page.getByRole('button', { name: 'Gửi' }).click();
    await this.note(text).waitFor();
  }

  async reply(to: string, text: string): Promise<void> {
    await this.page.locator('.thread').filter({ hasText: to }).getByRole('button', { name: 'Trả lời' }).click();
    await this.page.getByLabel(/^Trả lời ghi chú của/).fill(text);
    await this.page.getByRole('button', { name: 'Gửi' }).click();
    await this.note(text).waitFor();
  }
}
