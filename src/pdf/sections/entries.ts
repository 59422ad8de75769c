import { BDTX_MODULES } from '../../domain/catalogs/bdtx.ts';
import type { Entry } from '../../domain/records.ts';
import { sumPeriods } from '../../domain/totals.ts';
import type { Content, ContentNode } from '../docTypes.ts';
import { monthTitle, periods, viDate } from '../format.ts';
import { formLabel } from '../labels.ts';
import { rowBreaking, STYLES, UNBREAKABLE_ROW_CHARS } from '../layout.ts';
import type { PeriodData } from '../scope.ts';
import { cell, inlines, textBlock } from '../text.ts';

// A new header per table: pdfmake writes layout state into cell objects, so tables never share them.
const header = () => ['Ngày', 'Nội dung bồi dưỡng', 'Hình thức', 'Số tiết', 'Kết quả / vận dụng'].map((t) => ({ text: t, style: 'tableHeader' }));
const WIDTHS = [58, '*', 82, 36, 120];

function contentCell(e: Entry): ContentNode {
  const parts: ContentNode[] = [{ text: inlines(e.content) }];
  if (e.bdtxProgram) {
    const module = e.module ? BDTX_MODULES.find((m) => m.code === e.module) : undefined;
    parts.push({ text: `BDTX chương trình ${e.bdtxProgram}${module ? ` — ${module.code}` : ''}`, italics: true, fontSize: 10 });
  }
  if (e.source.trim()) parts.push({ text: [{ text: 'Nguồn: ', italics: true }, inlines(e.source)], fontSize: 10 });
  return single(parts);
}

/** A stack only when a cell has several paragraphs: every nesting level costs pdfmake style lookups per word. */
function single(parts: ContentNode[]): ContentNode {
  return parts.length === 1 ? parts[0]! : { stack: parts.length ? parts : [''] };
}

function resultCell(e: Entry): ContentNode {
  const parts: ContentNode[] = [];
  if (e.result.trim()) parts.push({ text: inlines(e.result) });
  if (e.evidence.trim()) parts.push({ text: [{ text: 'Minh chứng: ', italics: true }, inlines(e.evidence)], fontSize: 10 });
  if (e.note.trim()) parts.push({ text: [{ text: 'Ghi chú: ', italics: true }, inlines(e.note)], fontSize: 10 });
  return single(parts);
}

function size(e: Entry): number {
  return e.content.length + e.source.length + e.result.length + e.evidence.length + e.note.length;
}

/**
 * One month's table. Its caption is the table's first row, repeated with the column headers on every
 * page the month runs over, and kept with the first entry (never a caption alone at a page's foot).
 */
export function entriesTable(entries: readonly Entry[], caption: string, totalLabel: string): ContentNode {
  const body: unknown[][] = [[{ text: caption, colSpan: 5, bold: true, italics: true, fontSize: 12 }, {}, {}, {}, {}], header()];
  for (const e of entries) {
    body.push([cell(viDate(e.date), { alignment: 'center' }), contentCell(e), cell(formLabel(e.form)), cell(periods(e.periods), { alignment: 'center' }), resultCell(e)]);
  }
  body.push([{ text: totalLabel, colSpan: 3, bold: true, alignment: 'right' }, {}, {}, { text: periods(sumPeriods(entries)), bold: true, alignment: 'center' }, '']);
  return { style: 'table', table: { headerRows: 2, ...rowBreaking(entries.every((e) => size(e) <= UNBREAKABLE_ROW_CHARS)), widths: WIDTHS, body } };
}

export function entriesSection(data: PeriodData): Content[] {
  const anyReflection = data.months.some((m) => data.monthReflections.get(m)?.text.trim());
  if (data.entries.length === 0 && !anyReflection) return [];
  const out: Content[] = [];
  for (const month of data.months) {
    const entries = data.entries.filter((e) => e.date.startsWith(month));
    if (entries.length > 0) out.push(entriesTable(entries, monthTitle(month), `Cộng ${monthTitle(month).toLocaleLowerCase('vi')}`));
    else
      out.push({
        unbreakable: true,
        stack: [{ text: monthTitle(month), ...STYLES.monthTitle }, { text: 'Trong tháng không có hoạt động bồi dưỡng được ghi.', italics: true, margin: [0, 0, 0, 4] }],
      });
    out.push(...textBlock(`Tự nhận xét ${monthTitle(month).toLocaleLowerCase('vi')}:`, data.monthReflections.get(month)?.text ?? ''));
  }
  out.push({ text: [{ text: 'Tổng số tiết tự bồi dưỡng: ', bold: true }, { text: `${periods(sumPeriods(data.entries))} tiết (${data.entries.length} hoạt động)` }], margin: [0, 8, 0, 0] });
  return out;
}
