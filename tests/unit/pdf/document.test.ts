import { describe, expect, it } from 'vitest';
import { buildLogbookDocument, presentSections } from '../../../src/pdf/buildLogbookDocument.ts';
import type { Content } from '../../../src/pdf/docTypes.ts';
import { MM } from '../../../src/pdf/layout.ts';
import { emptyLogbook, smallLogbook } from './sampleLogbook.ts';

/** Every node of a content tree (stacks, columns, table cells, inline arrays). */
function* walk(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const child of node) yield* walk(child);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    yield record;
    for (const key of ['stack', 'columns', 'text']) if (typeof record[key] === 'object') yield* walk(record[key]);
    const table = record.table as { body?: unknown[][] } | undefined;
    if (table?.body) for (const row of table.body) yield* walk(row);
  }
}

function texts(content: Content[]): string[] {
  return [...walk(content)].map((n) => n.text).filter((t): t is string => typeof t === 'string');
}

const options = { period: 'HK1', signedOn: '2024-01-05' } as const;

describe('buildLogbookDocument', () => {
  it('uses A4 with the margins of Nghị định 30/2020 and numbers pages from page 2, centred at the top', () => {
    const doc = buildLogbookDocument(smallLogbook(), options);
    expect(doc.pageSize).toBe('A4');
    const [left, top, right, bottom] = doc.pageMargins.map((pt) => pt / MM);
    expect(left).toBeGreaterThanOrEqual(30);
    expect(left).toBeLessThanOrEqual(35);
    expect(right).toBeGreaterThanOrEqual(15);
    expect(right).toBeLessThanOrEqual(20);
    for (const v of [top, bottom]) expect(v! >= 20 && v! <= 25).toBe(true);
    expect(doc.header(1, 7)).toBeNull();
    expect(doc.header(2, 7)).toMatchObject({ text: '2', alignment: 'center' });
    expect(doc.defaultStyle).toMatchObject({ font: 'NotoSerif', fontSize: 13 });
  });

  it('numbers the sections that have data without gaps, and leaves the others out', () => {
    const all = texts(buildLogbookDocument(smallLogbook(), options).content);
    expect(all.filter((t) => /^[IVX]+\. /.test(t))).toEqual([
      'I. THÔNG TIN CÁ NHÂN',
      'II. NỘI DUNG TỰ BỒI DƯỠNG',
      'III. BỒI DƯỠNG THƯỜNG XUYÊN',
      'IV. DỰ GIỜ',
      'V. NỘI DUNG ĐỔI MỚI',
      'VI. SÁNG KIẾN KINH NGHIỆM',
      'VII. TỰ NHẬN XÉT HỌC KỲ',
    ]);
    const onlyProfile = texts(buildLogbookDocument(emptyLogbook(), options).content);
    expect(onlyProfile.filter((t) => /^[IVX]+\. /.test(t))).toEqual(['I. THÔNG TIN CÁ NHÂN']);
    expect(presentSections(smallLogbook(), { ...options, sections: ['observations', 'skkn'] })).toEqual(['observations', 'skkn']);
    const chosen = texts(buildLogbookDocument(smallLogbook(), { ...options, sections: ['observations', 'skkn'] }).content);
    expect(chosen.filter((t) => /^[IVX]+\. /.test(t))).toEqual(['I. DỰ GIỜ', 'II. SÁNG KIẾN KINH NGHIỆM']);
  });

  it('repeats every table header on each page and keeps it with the first row', () => {
    const doc = buildLogbookDocument(smallLogbook(), options);
    const tables = [...walk(doc.content)].filter((n) => n.table).map((n) => n.table as { headerRows: number; keepWithHeaderRows: number; body: unknown[][] });
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) {
      expect(table.headerRows).toBeGreaterThanOrEqual(1);
      expect(table.keepWithHeaderRows).toBe(1);
    }
  });

  it('limits records to the school year and period, and lists observations without sheets on request', () => {
    const input = smallLogbook();
    const hk2 = texts(buildLogbookDocument(input, { ...options, period: 'HK2' }).content).join('\n');
    expect(hk2).not.toContain('Sinh hoạt tổ chuyên môn');
    expect(hk2).toContain('Học kỳ II');
    const list = texts(buildLogbookDocument(input, { ...options, observations: 'list' }).content);
    expect(list).not.toContain('PHIẾU DỰ GIỜ SỐ 1');
    expect(texts(buildLogbookDocument(input, options).content)).toContain('PHIẾU DỰ GIỜ SỐ 1');
  });

  it('shows a leader’s confirmation with "Xác nhận", her name and the day', () => {
    const all = texts(buildLogbookDocument(smallLogbook(), options).content);
    expect(all).toContain('Xác nhận');
    expect(all).toContain('Lê Thị Cúc');
    expect(all).toContain('Ngày 05/01/2024');
    expect(all).toContain('Lộc Nga, ngày 05 tháng 01 năm 2024');
  });
});
