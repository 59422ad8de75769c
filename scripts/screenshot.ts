// Takes docs/screenshot.png for the README: the home screen on a phone, with a few entries typed in
// through the entry form. Run: npx tsx scripts/screenshot.ts
import path from 'node:path';
import { ROOT } from '../tests/e2e/build.ts';
import { launchBrowser, startServer } from '../tests/e2e/harness.ts';
import { EntryFormPage } from '../tests/e2e/pages/EntryFormPage.ts';

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const form = new EntryFormPage(page, server.url);
  await form.goto('/');
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const entries = [
    { date: day(9), content: 'Bồi dưỡng mô đun GVPT 04: xây dựng kế hoạch dạy học theo hướng phát triển năng lực', program: '03', module: 'GVPT 04', periods: '4' },
    { date: day(6), content: 'Sinh hoạt tổ chuyên môn: nghiên cứu bài học môn Ngữ văn 7', form: 'Sinh hoạt tổ/nhóm chuyên môn', program: '01', periods: '2' },
    { date: day(3), content: 'Dự giờ tiết Toán lớp 8B, rút kinh nghiệm về kỹ thuật khăn trải bàn', form: 'Dự giờ thăm lớp', program: '', periods: '1' },
    { date: day(1), content: 'Tự học tài liệu kiểm tra, đánh giá học sinh theo Thông tư 22', form: 'Tự học (thư viện, tài liệu trực tuyến)', program: '02', periods: '3' },
  ];
  for (const entry of entries) await form.create(entry);
  await form.goto('/');
  await page.locator('.entry-card').first().waitFor();
  await page.locator('.notice-region .notice').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  const file = path.join(ROOT, 'docs', 'screenshot.png');
  await page.screenshot({ path: file, fullPage: false });
  console.log(`Wrote ${path.relative(ROOT, file)}`);
} finally {
  await browser.close();
  await server.close();
}
