import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { headingNumbers } from '../domain/catalogs/skknOutlines.ts';
import { citationParts, orderReferences } from '../domain/citation.ts';
import type { Skkn } from '../domain/skkn.ts';
import { parseRichText, type Block, type Inline } from './skknHtml.ts';

/**
 * The SKKN as the .docx councils accept: cover page, table of contents, numbered headings, body in
 * Times New Roman 14 pt, A4 with the margins of Nghị định 30/2020 (top/bottom 20 mm, left 30 mm,
 * right 15 mm), page numbers centred in the top margin from the second page on, tables, and the
 * "Tài liệu tham khảo" list. Pure: the same code runs in the app, in Node tests and in the bench.
 */

export interface SkknExportInput {
  skkn: Skkn;
  /** Section id → its rich text (missing = empty: exported as its heading alone). */
  contents: ReadonlyMap<string, string>;
  /** "2026 - 2027". */
  schoolYearLabel: string;
  /** The cover's month line, e.g. "tháng 11 năm 2026" (left out when empty). */
  dateLine: string;
  /** The governing body above the unit on the cover, e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO …" (optional). */
  governingBody?: string;
}

const FONT = 'Times New Roman';
const BODY_SIZE = 28; // half-points: 14 pt
/** Twips (1/1440 inch), rounded to the nearest: A4 is 210 × 297 mm; margins 20 / 20 / 30 / 15 mm. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
const A4 = { width: mm(210), height: mm(297) };
const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const upper = (text: string) => text.toLocaleUpperCase('vi');

function runs(inlines: readonly Inline[], refNumber: (id: string) => number): ParagraphChild[] {
  return inlines.map((inline) => {
    if (inline.break) return new TextRun({ text: '', break: 1 });
    const text = inline.refId ? `[${refNumber(inline.refId) || '?'}]` : inline.text;
    return new TextRun({
      text,
      bold: inline.bold,
      italics: inline.italic,
      underline: inline.underline ? {} : undefined,
      strike: inline.strike,
      font: inline.code ? 'Courier New' : undefined,
    });
  });
}

/** A header cell's text in bold. */
function bolden(block: Block): Block {
  if (block.type === 'paragraph' || block.type === 'heading') return { ...block, inlines: block.inlines.map((i) => ({ ...i, bold: true })) };
  return block;
}

interface Context {
  refNumber: (id: string) => number;
  /** Numbering instances used by ordered lists (each list restarts at 1). */
  nextList: () => number;
}

function blockChildren(blocks: readonly Block[], context: Context, depth = 0): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        // Headings inside a section are sub-headings of it: bold, in the body size.
        out.push(new Paragraph({ children: runs(block.inlines, context.refNumber), style: 'SkknSubheading', keepNext: true }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: runs(block.inlines, context.refNumber), style: depth > 0 ? 'SkknCell' : 'SkknBody' }));
        break;
      case 'quote':
        out.push(...blockChildren(block.blocks, context, depth));
        break;
      case 'list': {
        const instance = block.ordered ? context.nextList() : 0;
        for (const item of block.items) {
          item.forEach((inner, index) => {
            if (inner.type === 'paragraph' || inner.type === 'heading') {
              out.push(
                new Paragraph({
                  children: runs(inner.inlines, context.refNumber),
                  style: 'SkknList',
                  ...(index === 0
                    ? block.ordered
                      ? { numbering: { reference: 'skkn-ordered', level: Math.min(depth, 2), instance } }
                      : { numbering: { reference: 'skkn-bullet', level: Math.min(depth, 2) } }
                    : { indent: { left: mm(10 * (depth + 1)) } }),
                }),
              );
            } else out.push(...blockChildren([inner], context, depth + 1));
          });
        }
        break;
      }
      case 'table': {
        if (block.rows.length === 0) break;
        const columns = Math.max(...block.rows.map((row) => row.cells.length));
        out.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: block.rows.map(
              (row, rowIndex) =>
                new TableRow({
                  tableHeader: rowIndex === 0 && row.cells.every((c) => c.header),
                  children: Array.from({ length: columns }, (_, k) => {
                    const cell = row.cells[k];
                    const children = cell ? blockChildren(cell.header ? cell.blocks.map(bolden) : cell.blocks, context, depth + 1) : [];
                    return new TableCell({ children: children.length > 0 ? children : [new Paragraph({ style: 'SkknCell', children: [] })] });
                  }),
                }),
            ),
          }),
        );
        out.push(new Paragraph({ style: 'SkknCell', children: [] }));
        break;
      }
    }
  }
  return out;
}

function coverChildren(input: SkknExportInput): Paragraph[] {
  const { skkn } = input;
  const centred = (text: string, options: { bold?: boolean; size?: number; before?: number; after?: number; italics?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: options.before ?? 0, after: options.after ?? 120 },
      children: [new TextRun({ text, bold: options.bold, size: options.size, italics: options.italics })],
    });
  const authors = skkn.authors.map((a) => (skkn.authors.length > 1 ? `${a.name} (${a.contributionPercent}%)` : a.name)).join('; ');
  const line = (label: string, value: string) =>
    new Paragraph({
      indent: { left: mm(25) },
      spacing: { after: 120 },
      children: [new TextRun({ text: `${label}: ` }), new TextRun({ text: value, bold: true })],
    });
  return [
    ...(input.governingBody ? [centred(upper(input.governingBody), { size: 26 })] : []),
    centred(upper(skkn.unit || ' '), { bold: true, size: 26, after: 2400 }),
    centred('SÁNG KIẾN KINH NGHIỆM', { bold: true, size: 32, after: 600 }),
    centred(upper(skkn.title || 'Chưa đặt tên đề tài'), { bold: true, size: 32, after: 1800 }),
    line(skkn.authors.length > 1 ? 'Các tác giả' : 'Người thực hiện', authors),
    ...(skkn.position ? [line('Chức vụ', skkn.position)] : []),
    ...(skkn.department ? [line('Tổ chuyên môn', skkn.department)] : []),
    ...(skkn.unit ? [line('Đơn vị công tác', skkn.unit)] : []),
    ...(skkn.field ? [line('Lĩnh vực', skkn.field)] : []),
    line('Năm học', input.schoolYearLabel),
    ...(input.dateLine ? [centred(input.dateLine, { italics: true, before: 2400 })] : []),
  ];
}

/** The document object (exported for tests that inspect it before packing). */
export function buildSkknDocument(input: SkknExportInput): Document {
  const { skkn } = input;
  const numbers = headingNumbers(skkn.sections);
  const ordered = orderReferences(skkn.references);
  const refNumber = (id: string) => ordered.findIndex((r) => r.id === id) + 1;
  let lists = 0;
  const context: Context = { refNumber, nextList: () => ++lists };

  const headingText = (index: number) => {
    const section = skkn.sections[index]!;
    const title = section.level === 1 ? upper(section.title) : section.title;
    return numbers[index] ? `${numbers[index]} ${title}` : title;
  };
  const body: Array<Paragraph | Table> = [];
  skkn.sections.forEach((section, index) => {
    body.push(new Paragraph({ heading: HEADINGS[Math.min(section.level, 4) - 1], keepNext: true, children: [new TextRun(headingText(index))] }));
    body.push(...blockChildren(parseRichText(input.contents.get(section.id) ?? ''), context));
  });
  if (ordered.length > 0) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('TÀI LIỆU THAM KHẢO')] }));
    ordered.forEach((reference, index) => {
      body.push(
        new Paragraph({
          style: 'SkknReference',
          children: [new TextRun(`[${index + 1}] `), ...citationParts(reference).map((part) => new TextRun({ text: part.text, italics: part.italic }))],
        }),
      );
    });
  }

  const tocEntries = skkn.sections.map((section, index) => ({ title: headingText(index), level: Math.min(section.level, 3) }));
  if (ordered.length > 0) tocEntries.push({ title: 'TÀI LIỆU THAM KHẢO', level: 1 });
  const pageProperties = { page: { size: A4, margin: MARGINS } };
  const paragraphStyle = (id: string, name: string, run: Record<string, unknown>, paragraph: Record<string, unknown>) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size: BODY_SIZE, color: '000000', ...run },
    paragraph,
  });
  const firstLine = mm(10);
  const lineSpacing = { line: 312, before: 0, after: 120 }; // 1.3 lines

  return new Document({
    creator: skkn.authors.map((a) => a.name).join(', '),
    title: skkn.title,
    description: 'Sáng kiến kinh nghiệm',
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE, color: '000000' } },
        heading1: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' }, paragraph: { spacing: { before: 180, after: 120 } } },
        heading3: { run: { font: FONT, size: BODY_SIZE, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 120 } } },
        heading4: { run: { font: FONT, size: BODY_SIZE, italics: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 120 } } },
      },
      paragraphStyles: [
        paragraphStyle('SkknBody', 'SKKN body', {}, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine }, spacing: lineSpacing }),
        paragraphStyle('SkknSubheading', 'SKKN sub-heading', { bold: true }, { spacing: { before: 120, after: 120 } }),
        paragraphStyle('SkknList', 'SKKN list', {}, { alignment: AlignmentType.JUSTIFIED, spacing: lineSpacing }),
        paragraphStyle('SkknCell', 'SKKN table cell', { size: 26 }, { spacing: { before: 40, after: 40 } }),
        paragraphStyle('SkknReference', 'SKKN reference', {}, { alignment: AlignmentType.JUSTIFIED, indent: { left: firstLine, hanging: firstLine }, spacing: lineSpacing }),
      ],
    },
    numbering: {
      config: [
        {
          reference: 'skkn-ordered',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: mm(10 * (level + 1)), hanging: mm(6) } } },
          })),
        },
        {
          reference: 'skkn-bullet',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: ['–', '+', '•'][level]!,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: mm(10 * (level + 1)), hanging: mm(6) } } },
          })),
        },
      ],
    },
    sections: [
      // The cover has no page number (Nghị định 30/2020: none on the first page).
      { properties: pageProperties, children: coverChildren(input) },
      {
        properties: { ...pageProperties, page: { ...pageProperties.page, pageNumbers: { start: 2 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 26 })] })] }) },
        footers: { default: new Footer({ children: [] }) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: 'MỤC LỤC', bold: true })] }),
          new TableOfContents('Mục lục', { hyperlink: true, headingStyleRange: '1-3', cachedEntries: tocEntries }),
          new Paragraph({ children: [new PageBreak()] }),
          ...body,
        ],
      },
    ],
  });
}

/** The .docx bytes. */
export async function exportSkknDocx(input: SkknExportInput): Promise<Uint8Array> {
  const document = buildSkknDocument(input);
  const buffer = await Packer.toArrayBuffer(document);
  return new Uint8Array(buffer);
}

/** A file name from the title: "SKKN - <title>.docx", without characters file systems refuse. */
export function skknFileName(title: string, extension: 'docx' | 'pdf'): string {
  const safe = [...title]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `SKKN - ${safe || 'Bản thảo'}.${extension}`;
}

