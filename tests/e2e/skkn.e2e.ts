import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectPageErrors, launchBrowser, startServer, VIEWPORT, type RunningServer } from './harness.ts';
import { SkknPage } from './pages/SkknPage.ts';

describe('SKKN drafts in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('type, the tab is killed mid-typing, reopen: everything typed more than 2 s before is there', async () => {
    const skkn = new SkknPage(page, server.url);
    const path = await skkn.create('Dạy phân số bằng trò chơi');
    const first = 'Học sinh lớp 6 còn nhầm khi quy đồng mẫu số.';
    const second = 'Trò chơi ghép thẻ giúp các em nhớ quy tắc lâu hơn và hứng thú hơn trong giờ học.';
    await skkn.editor().click();
    await page.keyboard.type(first);
    await page.keyboard.press('Enter');
    // Keeps typing without a pause for several seconds, then the renderer dies (as a killed tab or a
    // dead battery would): no pagehide, no unload. Saves must have run during the typing itself.
    const typing = page.keyboard.type(second, { delay: 60 });
    await typing;
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;

    page = await context.newPage();
    errors = collectPageErrors(page);
    const reopened = new SkknPage(page, server.url);
    await reopened.goto(path);
    await reopened.editor().waitFor();
    const text = await reopened.editor().innerText();
    expect(text).toContain(first);
    // The typing took ~5 s; at most the last 2 s may be missing.
    expect(text).toContain(second.slice(0, 40));
    expect(errors).toEqual([]);
  });

  test('name a version, rewrite, restore the old version: its text comes back and the rewrite stays in the history', async () => {
    const skkn = new SkknPage(page, server.url);
    await skkn.create('Phiếu học tập môn Ngữ văn');
    await skkn.editor().click();
    await page.keyboard.type('Bản đầu: dùng phiếu học tập theo nhóm.');
    await skkn.waitSaved();
    await page.getByLabel('Tên phiên bản').fill('Bản nộp tổ');
    await page.getByRole('button', { name: 'Lưu phiên bản có tên' }).click();
    await page.locator('.skkn-revision-list li', { hasText: 'Bản nộp tổ' }).waitFor();

    await skkn.editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Bản viết lại: dùng bảng tương tác.');
    await skkn.waitSaved();
    await page.locator('.skkn-revision-list li', { hasText: 'Bản nộp tổ' }).getByRole('button', { name: /Khôi phục phiên bản này/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Khôi phục phiên bản này' }).click();
    await skkn.editor().filter({ hasText: 'Bản đầu: dùng phiếu học tập theo nhóm.' }).waitFor();
    expect(await skkn.editor().innerText()).not.toContain('Bản viết lại');
    // The rewrite was kept as a revision before the restore: compare it with the restored text.
    await page.locator('.skkn-revision-list li', { hasText: 'Khôi phục “Bản nộp tổ”' }).waitFor();
    const auto = page.locator('.skkn-revision-list li', { hasText: 'Tự động' }).first();
    await auto.waitFor();
    const from = page.getByRole('combobox', { name: 'So sánh từ' });
    const autoLabel = (await auto.locator('span').first().innerText()).split(' · ').slice(0, 2).join(' · ');
    expect(autoLabel).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d · Tự động$/);
    await from.selectOption({ label: autoLabel });
    await page.getByRole('button', { name: 'So sánh', exact: true }).click();
    const diff = page.getByRole('region', { name: 'Khác nhau giữa hai phiên bản' });
    await diff.locator('del').first().waitFor();
    expect(await diff.locator('del').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('viết lại')]));
    expect(errors).toEqual([]);
  });

  test('export .docx and PDF: the files hold the cover, numbered headings, the typed text and the table', async () => {
    const skkn = new SkknPage(page, server.url);
    await skkn.create('Ứng dụng bản đồ tư duy trong dạy Lịch sử');
    await skkn.section('1.1. Lý do chọn đề tài').click();
    await skkn.editor().click();
    await page.keyboard.type('Bản đồ tư duy giúp học sinh hệ thống kiến thức.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Chèn bảng' }).click();
    await page.keyboard.type('Lớp thực nghiệm');
    await skkn.editor().locator('table').waitFor();
    await skkn.tab('Xuất file').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải file Word (.docx)' }).click()]);
    expect(download.suggestedFilename()).toBe('SKKN - Ứng dụng bản đồ tư duy trong dạy Lịch sử.docx');
    const files = unzipSync(new Uint8Array(await readFile(await download.path())));
    const xml = strFromU8(files['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('ỨNG DỤNG BẢN ĐỒ TƯ DUY TRONG DẠY LỊCH SỬ');
    expect(text).toContain('1.1. Lý do chọn đề tài');
    expect(text).toContain('Bản đồ tư duy giúp học sinh hệ thống kiến thức.');
    expect(xml).toContain('<w:tbl>');
    expect(text).toContain('Lớp thực nghiệm');

    // The PDF comes from the logbook PDF's renderer in a worker, with the same content.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải file PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('SKKN - Ứng dụng bản đồ tư duy trong dạy Lịch sử.pdf');
    const pdfPath = await pdf.path();
    expect((await readFile(pdfPath)).subarray(0, 4).toString()).toBe('%PDF');
    if (spawnSync('pdftotext', ['-v']).status === 0) {
      const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdfText).toContain('Bản đồ tư duy giúp học sinh hệ thống kiến thức.');
      expect(pdfText).toContain('1.1. Lý do chọn đề tài');
    }
    expect(errors).toEqual([]);
  });

  test('a long section opens in parts: typing, arrow keys, Backspace and Delete cross from part to part, and the whole section is saved', async () => {
    const skkn = new SkknPage(page, server.url);
    const path = await skkn.create('Bản thảo dài để thử gõ');
    const paragraph = (i: number) => `Đoạn ${i}: giáo viên tổ chức cho học sinh thảo luận nhóm, so sánh kết quả và rút ra quy tắc cộng hai phân số.`;
    await skkn.editor().click();
    // A paste, as from Word (5,000 words): the clipboard event the editor handles itself.
    await skkn.editor().evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, Array.from({ length: 200 }, (_, i) => `<p>${paragraph(i + 1)}</p>`).join(''));
    await skkn.waitSaved();

    await skkn.goto(path);
    const parts = page.getByRole('textbox', { name: /^Nội dung mục 1\. Mở đầu, phần \d+\/\d+$/ });
    await expect.poll(() => parts.count()).toBeGreaterThan(2);
    const lastOf = (part: number) => parts.nth(part).locator('> p').last();
    const firstOf = (part: number) => parts.nth(part).locator('> p').first();
    const joined = await lastOf(0).textContent();
    const next = await firstOf(1).textContent();

    await lastOf(0).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' ABC');
    expect(await lastOf(0).textContent()).toBe(`${joined} ABC`);
    // Down from the last line of part 1: the start of part 2.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('X');
    expect(await firstOf(1).textContent()).toBe(`X${next}`);
    // Backspace removes the X, then at the start of part 2 joins its paragraph to part 1's last one.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('|');
    expect(await lastOf(0).textContent()).toBe(`${joined} ABC|${next}`);
    // Delete at the end of part 1 pulls the next paragraph up; Up from the start of part 2 goes back.
    const following = await firstOf(1).textContent();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Delete');
    expect(await lastOf(0).textContent()).toBe(`${joined} ABC|${next}${following}`);
    await firstOf(1).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('Y');
    expect(await parts.nth(0).innerText()).toContain('Y');
    expect(await parts.nth(1).innerText()).not.toContain('Y');
    await skkn.waitSaved();

    // Reopened: every paragraph once, with what was typed.
    await skkn.goto(path);
    await expect.poll(() => parts.count()).toBeGreaterThan(2);
    const text = (await parts.allInnerTexts()).join('\n');
    for (let i = 1; i <= 200; i++) expect(text.split(`Đoạn ${i}:`).length - 1).toBe(1);
    expect(text).toContain(` ABC|${next}${following}`);
    expect(text).toContain('Y');
    expect(errors).toEqual([]);
  });
});
