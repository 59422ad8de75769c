import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { Skkn } from '../../../src/domain/skkn.ts';
import { exportSkknDocx, skknFileName } from '../../../src/pdf/skknDocx.ts';
import { parseRichText } from '../../../src/pdf/skknHtml.ts';

const skkn: Skkn = {
  id: 'k1',
  schoolYearId: 'nam-hoc-2026',
  outlineId: 'chung-2024',
  title: 'Một số biện pháp giúp học sinh lớp 6 học tốt phân số',
  authors: [
    { name: 'Nguyễn Thị Lan', contributionPercent: 70 },
    { name: 'Trần Văn Hùng', contributionPercent: 30 },
  ],
  position: 'Giáo viên',
  department: 'Toán - Tin',
  unit: 'Trường THCS Lê Lợi',
  field: 'Toán học',
  firstAppliedOn: '2026-09-05',
  sections: [
    { id: 's1', title: 'Mở đầu', level: 1, numbered: true },
    { id: 's2', title: 'Lý do chọn đề tài', level: 2, numbered: true },
    { id: 's3', title: 'Nội dung', level: 1, numbered: true },
    { id: 's4', title: 'Thực trạng vấn đề', level: 2, numbered: true },
    { id: 's5', title: 'Phụ lục', level: 1, numbered: false },
  ],
  references: [
    { id: 'rb', authors: 'Trần Văn Bình', year: '2020', title: 'Dạy học tích cực', publisher: 'NXB Giáo dục Việt Nam', url: '' },
    { id: 'ra', authors: 'Bộ Giáo dục và Đào tạo', year: '2018', title: 'Chương trình giáo dục phổ thông', publisher: '', url: '' },
  ],
  abstract: '',
  innovationTopicId: null,
  status: 'draft',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const contents = new Map([
  ['s2', '<p>Học sinh còn <strong>lúng túng</strong> khi quy đồng mẫu số <sup data-ref="rb">[2]</sup>.</p><ul><li><p>Ý thứ nhất</p></li><li><p>Ý thứ hai</p></li></ul><ol><li><p>Bước một</p></li></ol>'],
  ['s4', '<h3>Khảo sát đầu năm</h3><table><tbody><tr><th><p>Lớp</p></th><th><p>Giỏi</p></th></tr><tr><td><p>6A</p></td><td><p>12</p></td></tr></tbody></table>'],
]);

const input = { skkn, contents, schoolYearLabel: '2026 - 2027', dateLine: 'tháng 11 năm 2026', governingBody: 'Phòng Giáo dục và Đào tạo' };

function documentXml(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.xml')).map(([name, data]) => [name, strFromU8(data)]));
}
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('SKKN .docx export', () => {
  it('writes the cover, table of contents, numbered headings, body, table and references as document text', async () => {
    const files = documentXml(await exportSkknDocx(input));
    const body = files['word/document.xml']!;
    const text = textOf(body);
    for (const expected of [
      'SÁNG KIẾN KINH NGHIỆM',
      'MỘT SỐ BIỆN PHÁP GIÚP HỌC SINH LỚP 6 HỌC TỐT PHÂN SỐ',
      'Nguyễn Thị Lan (70%); Trần Văn Hùng (30%)',
      'TRƯỜNG THCS LÊ LỢI',
      'MỤC LỤC',
      '1. MỞ ĐẦU',
      '1.1. Lý do chọn đề tài',
      '2.1. Thực trạng vấn đề',
      'PHỤ LỤC',
      'Học sinh còn lúng túng khi quy đồng mẫu số [2].',
      'Khảo sát đầu năm',
      'Lớp',
      '6A',
      'TÀI LIỆU THAM KHẢO',
      '[1] Bộ Giáo dục và Đào tạo (2018), Chương trình giáo dục phổ thông.',
      '[2] Trần Văn Bình (2020), Dạy học tích cực, NXB Giáo dục Việt Nam.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('3. PHỤ LỤC');
    // An empty section is exported as its heading alone.
    expect(text).toContain('1. MỞ ĐẦU1.1. Lý do chọn đề tài');
    // A4 portrait with the Nghị định 30/2020 margins (20 / 20 / 30 / 15 mm in twips).
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(body).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(body).toContain('<w:tbl>');
    expect(body).toMatch(/<w:numPr>/);
    // Times New Roman 14 pt body, page number field in a header.
    expect(files['word/styles.xml']).toMatch(/w:ascii="Times New Roman"/);
    expect(files['word/styles.xml']).toMatch(/<w:sz w:val="28"\/>/);
    const header = Object.entries(files).find(([name]) => name.startsWith('word/header'))?.[1] ?? '';
    expect(header).toMatch(/PAGE/);
  });

  it('reads pasted and odd HTML as its text: unknown tags unwrapped, styles and comments dropped', () => {
    const blocks = parseRichText('<!--[if gte mso 9]><xml>x</xml><![endif]--><style>p{color:red}</style><p class="MsoNormal"><span style="font-size:14pt">Đoạn <o:p>văn</o:p></span> &amp; bảng</p><div><font>chữ lạ</font></div>');
    expect(blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'Đoạn văn & bảng' }] },
      { type: 'paragraph', inlines: [{ text: 'chữ lạ' }] },
    ]);
  });

  it('names the file after the title without characters file systems refuse', () => {
    expect(skknFileName('Giải pháp: dạy "phân số"/lớp 6', 'docx')).toBe('SKKN - Giải pháp dạy phân số lớp 6.docx');
    expect(skknFileName('', 'pdf')).toBe('SKKN - Bản thảo.pdf');
  });

  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  const hasSoffice = soffice.status === 0;
  if (!hasSoffice) {
    console.warn('\n*** LibreOffice (soffice) is missing: the SKKN .docx → PDF conversion test is SKIPPED. Install libreoffice-writer and poppler-utils to run it. ***\n');
  }
  const dir = mkdtempSync(join(tmpdir(), 'skkn-docx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.skipIf(!hasSoffice)('opens in LibreOffice: converted to PDF, its text has the cover, headings, body and references', async () => {
    writeFileSync(join(dir, 'skkn.docx'), await exportSkknDocx(input));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'skkn.docx')], { timeout: 120_000, stdio: 'ignore' });
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'skkn.pdf'), '-'], { encoding: 'utf8' });
    for (const expected of ['SÁNG KIẾN KINH NGHIỆM', '1. MỞ ĐẦU', '1.1. Lý do chọn đề tài', 'quy đồng mẫu số [2]', 'TÀI LIỆU THAM KHẢO', 'Trần Văn Bình (2020)']) {
      expect(text).toContain(expected);
    }
    // Page 2 carries its number; the cover (page 1) none.
    const pages = text.split('\f');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).not.toMatch(/^\s*1\s*$/m);
    expect(pages[1]).toMatch(/^\s*2\s*$/m);
    expect(readFileSync(join(dir, 'skkn.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  }, 150_000);
});

describe('SKKN PDF (the logbook PDF machinery)', () => {
  it('renders the same content: cover, table of contents with page numbers, headings, body, table, references', async () => {
    const { buildSkknDocument } = await import('../../../src/pdf/skknDocument.ts');
    const { renderPdfNode } = await import('../../../src/server/pdf/renderNode.ts');
    const bytes = await renderPdfNode(buildSkknDocument(input));
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('%PDF');
    const has = spawnSync('pdftotext', ['-v']).status === 0;
    if (!has) {
      console.warn('\n*** pdftotext (poppler-utils) is missing: the SKKN PDF text is not checked. ***\n');
      return;
    }
    const work = mkdtempSync(join(tmpdir(), 'skkn-pdf-'));
    const file = join(work, 'skkn.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    rmSync(work, { recursive: true, force: true });
    const pages = text.split('\f');
    const flat = (page: string | undefined) => (page ?? '').replace(/\s+/g, ' ');
    expect(flat(pages[0])).toContain('SÁNG KIẾN KINH NGHIỆM');
    expect(flat(pages[0])).toContain('MỘT SỐ BIỆN PHÁP GIÚP HỌC SINH LỚP 6 HỌC TỐT PHÂN SỐ');
    expect(pages[0]).not.toMatch(/^\s*1\s*$/m);
    expect(pages[1]).toContain('MỤC LỤC');
    expect(pages[1]).toMatch(/1\.1\. Lý do chọn đề tài\s+\d+/);
    const body = flat(pages.slice(2).join('\n'));
    for (const expected of ['1. MỞ ĐẦU', 'Học sinh còn lúng túng khi quy đồng mẫu số [2].', 'Khảo sát đầu năm', '6A', 'PHỤ LỤC', 'TÀI LIỆU THAM KHẢO', '[1] Bộ Giáo dục và Đào tạo (2018), Chương trình giáo dục phổ thông.']) {
      expect(body).toContain(expected);
    }
  }, 60_000);
});
