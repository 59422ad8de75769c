import { headingNumbers } from '../domain/catalogs/skknOutlines.ts';
import { citationParts, orderReferences } from '../domain/citation.ts';
import type { Content, ContentNode, DocDefinition } from './docTypes.ts';
import { BODY_SIZE, FONT_FAMILY, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MM, TABLE_SIZE } from './layout.ts';
import type { SkknExportInput } from './skknDocx.ts';
import { parseRichText, type Block, type Inline } from './skknHtml.ts';

/**
 * The SKKN as a pdfmake document, the same content as the .docx (skknDocx.ts): cover, table of
 * contents with page numbers, numbered headings, justified body with a first-line indent, lists,
 * tables, "Tài liệu tham khảo"; A4, margins and page numbers of Nghị định 30/2020 (none on the
 * cover). Rendered by src/pdf/render.ts with the embedded serif, in the app's worker or in Node.
 */

const upper = (text: string) => text.toLocaleUpperCase('vi');
const FIRST_LINE = 10 * MM;

function runs(inlines: readonly Inline[], refNumber: (id: string) => number): ContentNode[] {
  return inlines.map((inline) => {
    if (inline.break) return { text: '\n' };
    const text = inline.refId ? `[${refNumber(inline.refId) || '?'}]` : inline.text;
    const node: Record<string, unknown> = { text: text.normalize('NFC') };
    if (inline.bold) node.bold = true;
    if (inline.italic) node.italics = true;
    if (inline.underline || inline.strike) node.decoration = inline.underline ? 'underline' : 'lineThrough';
    return node;
  });
}

function blocks(list: readonly Block[], refNumber: (id: string) => number, inCell = false): Content[] {
  const out: Content[] = [];
  for (const block of list) {
    switch (block.type) {
      case 'heading':
        out.push({ text: runs(block.inlines, refNumber), bold: true, margin: [0, 6, 0, 3] });
        break;
      case 'paragraph':
        out.push(
          inCell
            ? { text: runs(block.inlines, refNumber), fontSize: TABLE_SIZE }
            : { text: runs(block.inlines, refNumber), alignment: 'justify', leadingIndent: FIRST_LINE, margin: [0, 0, 0, 4] },
        );
        break;
      case 'quote':
        out.push({ stack: blocks(block.blocks, refNumber, inCell), margin: [FIRST_LINE, 0, 0, 4] });
        break;
      case 'list':
        out.push({ [block.ordered ? 'ol' : 'ul']: block.items.map((item) => ({ stack: blocks(item, refNumber, true) })), margin: [FIRST_LINE / 2, 0, 0, 4], fontSize: BODY_SIZE });
        break;
      case 'table': {
        if (block.rows.length === 0) break;
        const columns = Math.max(...block.rows.map((row) => row.cells.length));
        out.push({
          table: {
            headerRows: block.rows[0]!.cells.every((c) => c.header) ? 1 : 0,
            widths: Array.from({ length: columns }, () => '*'),
            body: block.rows.map((row) =>
              Array.from({ length: columns }, (_, k) => {
                const cell = row.cells[k];
                return cell ? { stack: blocks(cell.blocks, refNumber, true), bold: cell.header } : { text: '' };
              }),
            ),
          },
          margin: [0, 2, 0, 6],
        });
        break;
      }
    }
  }
  return out;
}

function cover(input: SkknExportInput): Content[] {
  const { skkn } = input;
  const authors = skkn.authors.map((a) => (skkn.authors.length > 1 ? `${a.name} (${a.contributionPercent}%)` : a.name)).join('; ');
  const line = (label: string, value: string): Content => ({ text: [`${label}: `, { text: value.normalize('NFC'), bold: true }], margin: [25 * MM, 0, 0, 6] });
  return [
    ...(input.governingBody ? [{ text: upper(input.governingBody), alignment: 'center', fontSize: 13 }] : []),
    { text: upper(skkn.unit || ' '), alignment: 'center', bold: true, fontSize: 13, margin: [0, 0, 0, 120] },
    { text: 'SÁNG KIẾN KINH NGHIỆM', alignment: 'center', bold: true, fontSize: 16, margin: [0, 0, 0, 30] },
    { text: upper(skkn.title || 'Chưa đặt tên đề tài'), alignment: 'center', bold: true, fontSize: 16, margin: [0, 0, 0, 90] },
    line(skkn.authors.length > 1 ? 'Các tác giả' : 'Người thực hiện', authors),
    ...(skkn.position ? [line('Chức vụ', skkn.position)] : []),
    ...(skkn.department ? [line('Tổ chuyên môn', skkn.department)] : []),
    ...(skkn.unit ? [line('Đơn vị công tác', skkn.unit)] : []),
    ...(skkn.field ? [line('Lĩnh vực', skkn.field)] : []),
    line('Năm học', input.schoolYearLabel),
    ...(input.dateLine ? [{ text: input.dateLine, alignment: 'center', italics: true, margin: [0, 120, 0, 0] }] : []),
  ];
}

export function buildSkknDocument(input: SkknExportInput): DocDefinition {
  const { skkn } = input;
  const numbers = headingNumbers(skkn.sections);
  const ordered = orderReferences(skkn.references);
  const refNumber = (id: string) => ordered.findIndex((r) => r.id === id) + 1;
  const content: Content[] = [...cover(input), { toc: { title: { text: 'MỤC LỤC', bold: true, alignment: 'center', margin: [0, 0, 0, 12] } }, pageBreak: 'before' }];
  skkn.sections.forEach((section, index) => {
    const title = section.level === 1 ? upper(section.title) : section.title;
    const text = numbers[index] ? `${numbers[index]} ${title}` : title;
    const heading: ContentNode = {
      text,
      bold: true,
      italics: section.level >= 3,
      tocItem: true,
      tocMargin: [(section.level - 1) * 12, 0, 0, 0],
      margin: [0, section.level === 1 ? 12 : 8, 0, 4],
      ...(index === 0 ? { pageBreak: 'before' } : {}),
    };
    const body = blocks(parseRichText(input.contents.get(section.id) ?? ''), refNumber);
    // A heading never ends a page alone.
    const [first, ...rest] = body;
    if (first && typeof first === 'object' && !Array.isArray(first) && !('table' in first)) content.push({ stack: [heading, first], unbreakable: true }, ...rest);
    else content.push(heading, ...body);
  });
  if (ordered.length > 0) {
    content.push({ text: 'TÀI LIỆU THAM KHẢO', bold: true, tocItem: true, pageBreak: 'before', margin: [0, 0, 0, 8] });
    ordered.forEach((reference, index) => {
      content.push({
        text: [`[${index + 1}] `, ...citationParts(reference).map((part) => ({ text: part.text.normalize('NFC'), italics: part.italic }))],
        alignment: 'justify',
        margin: [0, 0, 0, 4],
      });
    });
  }
  const author = skkn.authors.map((a) => a.name).join(', ');
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM],
    header: (currentPage) => (currentPage === 1 ? null : { text: String(currentPage), alignment: 'center', fontSize: BODY_SIZE, margin: [0, 10 * MM, 0, 0] }),
    content,
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_SIZE + 1, lineHeight: 1.2 },
    styles: {},
    info: { title: `Sáng kiến kinh nghiệm — ${skkn.title}`.normalize('NFC'), author, subject: `Năm học ${input.schoolYearLabel}`, creator: 'Sổ Bồi Dưỡng', producer: 'Sổ Bồi Dưỡng' },
    language: 'vi-VN',
  };
}
