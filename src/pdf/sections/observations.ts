import type { Annotation } from '../../domain/annotations.ts';
import type { Observation, ObservedLesson } from '../../domain/observations.ts';
import type { Content, ContentNode } from '../docTypes.ts';
import { viDate } from '../format.ts';
import { criteriaOf, criterionLabel, purposeLabel, ratingLabel } from '../labels.ts';
import { rowBreaking, STYLES, UNBREAKABLE_ROW_CHARS } from '../layout.ts';
import type { PeriodData } from '../scope.ts';
import { cell, labelled, textBlock } from '../text.ts';
import type { LogbookInput, LogbookPdfOptions } from '../types.ts';
import { annotationList } from './annotations.ts';

const header = (titles: string[]) => titles.map((text) => ({ text, style: 'tableHeader' }));

function dateAndPeriod(o: Observation): string {
  return o.lessonPeriod ? `${viDate(o.date)}\nTiết ${o.lessonPeriod}` : viDate(o.date);
}

/** The caption is the table's first row: repeated on each page and never left alone at a page's foot. */
function summaryTable(caption: string, list: readonly Observation[], who: (o: Observation) => string, whoTitle: string): ContentNode {
  const body: unknown[][] = [
    [{ text: caption, colSpan: 8, bold: true, fontSize: 12 }, {}, {}, {}, {}, {}, {}, {}],
    header(['STT', 'Ngày, tiết', 'Lớp', 'Môn', 'Tên bài dạy', whoTitle, 'Mục đích', 'Xếp loại']),
  ];
  list.forEach((o, i) => {
    body.push([
      cell(String(i + 1), { alignment: 'center' }),
      cell(dateAndPeriod(o), { alignment: 'center' }),
      cell(o.className),
      cell(o.subject),
      cell(o.lessonTitle),
      cell(who(o)),
      cell(purposeLabel(o.purpose)),
      cell(ratingLabel(o), { alignment: 'center' }),
    ]);
  });
  return { style: 'table', fontSize: 10, table: { headerRows: 2, ...rowBreaking(true), widths: [22, 56, 34, 48, '*', 70, 56, 44], body } };
}

function sheet(input: LogbookInput, data: PeriodData, o: Observation, n: number, observed: ObservedLesson | null): Content[] {
  const head: Content[] = [{ text: `PHIẾU DỰ GIỜ SỐ ${n}`, ...STYLES.sheetTitle }];
  const info: Array<[string, string]> = [
    ['Người dạy', o.teacherName],
    ['Lớp', o.className],
    ['Môn', o.subject],
    ['Tên bài dạy', o.lessonTitle],
    ['Ngày dự', viDate(o.date)],
    ['Tiết', o.lessonPeriod],
    ['Người dự', observed ? observed.observerName || o.observers : o.observers],
    ['Mục đích', purposeLabel(o.purpose)],
  ];
  for (const [label, value] of info) if (value) head.push(labelled(label, value, { margin: [0, 0, 0, 2] }));
  // The sheet's title never stays alone at the foot of a page.
  const out: Content[] = [{ stack: head, unbreakable: true }];

  if (o.timeline.length > 0) {
    const long = o.timeline.some((r) => r.activity.length + r.note.length > UNBREAKABLE_ROW_CHARS);
    const body: unknown[][] = [header(['Thời gian', 'Hoạt động của giáo viên và học sinh', 'Nhận xét'])];
    for (const row of o.timeline) body.push([cell(row.time), cell(row.activity), cell(row.note)]);
    out.push({ text: 'Tiến trình bài dạy', bold: true, margin: [0, 6, 0, 2] });
    out.push({ style: 'table', table: { headerRows: 1, ...rowBreaking(!long), widths: [60, '*', 150], body } });
  }

  const criteria = criteriaOf(o);
  const codes = criteria.map((c) => c.code);
  if (codes.length > 0) {
    const scored = Object.keys(o.criterionScores).length > 0;
    const long = codes.some((c) => (o.criterionComments[c] ?? '').length > UNBREAKABLE_ROW_CHARS);
    const body: unknown[][] = [header(scored ? ['Tiêu chí', 'Nhận xét', 'Điểm'] : ['Tiêu chí', 'Nhận xét'])];
    for (const { code, label } of criteria) {
      const row = [cell(label), cell(o.criterionComments[code] ?? '')];
      if (scored) row.push(cell(o.criterionScores[code] === undefined ? '' : String(o.criterionScores[code]).replace('.', ','), { alignment: 'center' }));
      body.push(row);
    }
    if (scored) {
      const total = Object.values(o.criterionScores).reduce((a, b) => a + b, 0);
      body.push([{ text: 'Tổng điểm', bold: true, colSpan: 2, alignment: 'right' }, {}, { text: String(Math.round(total * 100) / 100).replace('.', ','), bold: true, alignment: 'center' }]);
    }
    out.push({ text: 'Nhận xét theo tiêu chí', bold: true, margin: [0, 6, 0, 2] });
    out.push({ style: 'table', table: { headerRows: 1, ...rowBreaking(!long), widths: scored ? [130, '*', 40] : [130, '*'], body } });
  }

  out.push(...textBlock('Ưu điểm:', o.strengths), ...textBlock('Hạn chế:', o.weaknesses), ...textBlock('Bài học kinh nghiệm:', o.lessonsLearned));
  if (o.rating) out.push(labelled('Xếp loại', ratingLabel(o), { margin: [0, 6, 0, 0] }));

  const anchorLabel = (a: Annotation) => {
    if (a.anchor.kind === 'criterion') return `về tiêu chí “${criterionLabel(o, a.anchor.code)}”`;
    if (a.anchor.kind === 'timelineRow') {
      const rowId = a.anchor.rowId;
      const row = o.timeline.find((r) => r.id === rowId);
      return row ? `về tiến trình “${row.time}”` : 'về tiến trình bài dạy';
    }
    return '';
  };
  out.push(...annotationList(data.annotationsOf(o.id), 'Góp ý, trao đổi:', anchorLabel));
  return out;
}

export function observationsSection(input: LogbookInput, data: PeriodData, options: LogbookPdfOptions): Content[] {
  const own = data.observations;
  const observed = data.observedLessons;
  if (own.length === 0 && observed.length === 0) return [];
  const sheets = (options.observations ?? 'sheets') === 'sheets';
  const out: Content[] = [];
  let n = 0;
  if (own.length > 0) {
    out.push(summaryTable(`1. Các tiết đã dự giờ (${own.length} tiết)`, own, (o) => o.teacherName, 'Người dạy'));
  }
  if (observed.length > 0) {
    out.push(summaryTable(`${own.length > 0 ? 2 : 1}. Các tiết dạy được dự giờ (${observed.length} tiết)`, observed, (o) => (o as ObservedLesson).observerName || o.observers, 'Người dự'));
  }
  if (sheets) {
    for (const o of own) out.push(...sheet(input, data, o, ++n, null));
    for (const o of observed) out.push(...sheet(input, data, o, ++n, o));
  }
  return out;
}
