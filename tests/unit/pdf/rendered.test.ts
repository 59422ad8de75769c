import { beforeAll, describe, expect, it } from 'vitest';
import { buildLogbookDocument } from '../../../src/pdf/buildLogbookDocument.ts';
import { renderPdfNode } from '../../../src/server/pdf/renderNode.ts';
import { checkTools, containsInOrder, pageCount, pdfFonts, pdfPages, pdfText, qpdfCheck, renderPage, writeTemp } from './pdfTools.ts';
import { diffWithGolden } from './pngDiff.ts';
import { emptyLogbook, entry, largeLogbook, reflection, smallLogbook } from './sampleLogbook.ts';

/**
 * The PDF as a reader sees it: poppler and qpdf read real files rendered by the Node renderer (the
 * same builder and renderer as the browser worker).
 */
const tools = checkTools();
const signedOn = '2024-01-05';

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.runIf(tools)('the rendered logbook PDF', () => {
  let small = '';
  beforeAll(async () => {
    small = writeTemp(await renderPdfNode(buildLogbookDocument(smallLogbook(), { period: 'HK1', signedOn })));
  }, 60_000);

  it('embeds every font, passes qpdf --check and has the records’ exact Vietnamese text', () => {
    const fonts = pdfFonts(small);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of fonts) {
      expect(font.name).toMatch(/NotoSerif/);
      expect(font.embedded).toBe(true);
    }
    expect(qpdfCheck(small)).toMatchObject({ ok: true });
    const text = flat(pdfText(small));
    const input = smallLogbook();
    // Table cells interleave with their neighbours line by line; each cell's words stay in order.
    for (const e of input.entries) expect(containsInOrder(text, e.content)).toBe(true);
    for (const r of input.reflections) expect(text).toContain(r.text);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Lộc Nga, ngày 05 tháng 01 năm 2024');
    expect(text).toContain('Em đã bổ sung, cảm ơn cô.');
    expect(text).toContain(input.skkn[0]!.abstract);
  });

  it('numbers pages centred at the top from page 2, none on the cover', () => {
    const pages = pdfPages(small);
    expect(pages.length).toBe(pageCount(small));
    expect(pages[0]!.split('\n').some((line) => /^\s*\d+\s*$/.test(line))).toBe(false);
    pages.slice(1).forEach((page, i) => expect(page.trimStart().split('\n')[0]!.trim()).toBe(String(i + 2)));
  });

  it('matches the reference images of the cover and of a table page', () => {
    expect(diffWithGolden('cover.png', renderPage(small, 1))).toBeLessThan(0.01);
    expect(diffWithGolden('entries-page.png', renderPage(small, 2))).toBeLessThan(0.01);
  });

  it('keeps HTML as text, wraps very long words, breaks a 5,000-word cell across pages and repeats the header', async () => {
    const cellWords = Array.from({ length: 5000 }, (_, i) => `bồi${i}`).join(' ');
    const words = Array.from({ length: 5000 }, (_, i) => `dưỡng${i}`).join(' ');
    const url = `https://vi.wikipedia.org/wiki/${'Bồi_dưỡng_thường_xuyên_'.repeat(8)}`;
    const html = '<p><i>nghiêng</i> <b>đậm</b> &amp; <a href="x">ở lớp 8A</a></p>';
    const many = Array.from({ length: 40 }, (_, i) => entry(`m${i}`, '2023-10-02', `Hoạt động số ${i + 1} của tháng mười`));
    const input = {
      ...emptyLogbook(),
      entries: [entry('long', '2023-09-12', cellWords), entry('url', '2023-09-13', url), entry('html', '2023-09-14', html), ...many],
      reflections: [reflection('month', '2023-12', words), reflection('month', '2023-11', `Tài liệu: ${url} ${html}`)],
    };
    const file = writeTemp(await renderPdfNode(buildLogbookDocument(input, { period: 'HK1', signedOn })));
    expect(qpdfCheck(file).ok).toBe(true);
    const text = pdfText(file);
    // The cell and the reflection: every word, in order, nothing lost at the page breaks.
    expect(containsInOrder(text, cellWords)).toBe(true);
    expect(text.split('bồi4999').length - 1).toBe(1);
    expect(containsInOrder(text, words)).toBe(true);
    // HTML is printed as typed, and the long word wraps inside the page without losing a character
    // (checked in a paragraph: in a cell, pdftotext interleaves its lines with the neighbouring cells').
    const compact = text.replace(/\s+/g, '');
    expect(compact.includes(url)).toBe(true);
    expect(compact.includes(html.replace(/\s+/g, ''))).toBe(true);
    // The long cell and October’s 40 rows run over several pages: each page after the first starts with the month caption
    // and the header row.
    const tablePages = pdfPages(file).filter((page) => /bồi\d+|Hoạt động số \d+/.test(page));
    expect(tablePages.length).toBeGreaterThan(3);
    for (const page of tablePages.slice(1)) {
      expect(page.slice(0, 40)).toMatch(/^\s*\d+\s+Tháng (9|10)\/2023\s/);
      expect(page).toContain('Nội dung bồi dưỡng');
      expect(page).toContain('Kết quả / vận dụng');
    }
    // Months without entries are still shown, said to be empty.
    expect(text).toContain('Tháng 11/2023');
    expect(text).toContain('Trong tháng không có hoạt động bồi dưỡng được ghi.');
  }, 60_000);

  it('keeps a realistic semester (300 entries, 20 observations) well under 10 MB', async () => {
    const bytes = await renderPdfNode(buildLogbookDocument(largeLogbook(), { period: 'HK1', signedOn }));
    expect(bytes.byteLength).toBeLessThan(3 * 1024 * 1024);
    const file = writeTemp(bytes);
    expect(qpdfCheck(file).ok).toBe(true);
    expect(pdfText(file)).toContain('PHIẾU DỰ GIỜ SỐ 20');
  }, 120_000);
});
